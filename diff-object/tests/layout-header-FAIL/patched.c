/* a struct a header declares: the rest of the kernel has the old layout */
extern void ext(int);
# 1 "include/linux/lkhp_unit.h"
struct shared { int a; int b; int c; };
# 5 "patched.c"
int use(int x) { struct shared s = { x, x, x }; ext(s.c); return s.a; }
