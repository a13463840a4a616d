/* tail reaches helper by a short jump: it cannot be carried alone */
#define S __attribute__((section(".sched.text"), noinline))
extern void ext(int);
static S int helper(int a) { ext(a); return a * 3; }
S int tail(int a) { return helper(a + 1); }
S int caller(int a) { return helper(a) + 1; }
