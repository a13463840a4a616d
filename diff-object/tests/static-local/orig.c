extern void ext(int);
int f(int a) { static int count; count += a; ext(count); return count; }
int g(int a) { static int count; count -= a; ext(count); return count; }
