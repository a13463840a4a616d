/* a module's changed __init function (-m): freed once the module's init has run */
extern void ext(int);
static __attribute__((section(".init.text"), cold, noinline)) int setup(void) { ext(1); return 0; }
int init_module(void) __attribute__((alias("setup")));
int runtime(int a) { return a * 3; }
