extern void ext(int);
int counter;
int f(int a) { counter += a; ext(counter); return counter; }
static int helper(int a) { return a * 7 + counter; }
int g(int a) { return helper(a) + 1; }
