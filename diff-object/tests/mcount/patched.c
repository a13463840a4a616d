extern void ext(int);
int traced(int a) { ext(a); return a + 4; }
int also_traced(int a) { ext(a * 2); return a; }
