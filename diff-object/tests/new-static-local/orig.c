extern void ext(int);
int f(int a) { static int count; count += a; ext(count); return count; }
