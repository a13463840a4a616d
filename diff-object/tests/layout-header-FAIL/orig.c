/* a struct a header declares: the rest of the kernel has the old layout */
extern void ext(int);
# 1 "include/linux/lkhp_unit.h"
struct shared { int a; int b; };
# 5 "orig.c"
int use(int x) { struct shared s = { x, x }; ext(s.b); return s.a; }
