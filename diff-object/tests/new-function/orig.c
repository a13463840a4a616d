extern void ext(int);
int f(int a) { ext(a); return a + 1; }
int g(int a) { return a * 2; }
