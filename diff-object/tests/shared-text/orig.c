extern void ext(int);
int first(int a) { ext(a); return a + 1; }
int second(int a) { return a * 2; }
