extern void ext(int);
int f(int a) { return a + 1; }
int g(int a) { static int seen; seen += a; ext(seen); return seen; }
