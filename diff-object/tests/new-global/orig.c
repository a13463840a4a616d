extern void ext(int);
int f(int a) { ext(a); return a + 1; }
