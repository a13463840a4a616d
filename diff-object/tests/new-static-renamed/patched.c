extern void ext(int);
/* g's `seen` goes, f gets one: gcc numbers both seen.0 */
int f(int a) { static int seen; seen++; ext(seen); return a + 1; }
int g(int a) { ext(a); return a; }
