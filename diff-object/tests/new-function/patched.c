extern void ext(int);
static __attribute__((noinline)) int check_range(int a) { if (a > 100) ext(-a); return a > 100; }
int f(int a) { if (check_range(a)) return 0; ext(a); return a + 1; }
int g(int a) { return a * 2; }
