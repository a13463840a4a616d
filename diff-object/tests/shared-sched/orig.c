/*
 * __sched functions share .sched.text.  caller's call to the static helper
 * has no relocation (gas resolved it): lkhp-diff adds one, so caller travels
 * alone and still calls the running kernel's helper.
 */
#define S __attribute__((section(".sched.text"), noinline))
extern void ext(int);
static S int helper(int a) { ext(a); return a * 3; }
S int tail(int a) { return helper(a + 1); }
S int caller(int a) { return helper(a) + 1; }
