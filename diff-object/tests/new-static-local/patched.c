extern void ext(int);
int f(int a) { static int count; static int seen; count += a; seen++; ext(count + seen); return count; }
