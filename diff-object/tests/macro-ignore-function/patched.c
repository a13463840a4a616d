/* A changed __init function and a changed helper, both left out. */
#include "lkhp-macros.h"

extern void ext(int);
int helper(int a);
__attribute__((section(".init.text"), cold, noinline)) int setup_thing(int a) { ext(a); return a + 2; }
int runtime(int a) { return helper(a) * 4; }
__attribute__((noinline)) int helper(int a) { ext(a + 1); return a; }
LKHP_IGNORE_FUNCTION(setup_thing);
LKHP_IGNORE_FUNCTION(helper);
