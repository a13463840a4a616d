extern void ext(int);
/* g first: gcc numbers the two `count`s the other way round */
int g(int a) { static int count; count -= a; ext(count); return count; }
int f(int a) { static int count; count += 2 * a; ext(count); return count; }
