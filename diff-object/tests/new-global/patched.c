extern void ext(int);
int lkhp_calls;
int lkhp_limit = 42;
int f(int a) { lkhp_calls++; if (a > lkhp_limit) return 0; ext(a); return a + 1; }
