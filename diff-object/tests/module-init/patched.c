/*
 * A module's changed __init function (-m) and module_init()'s alias: patched
 * for the loads that follow the patch (lkhp-mkpatch flags it LKHP_FUNC_INIT),
 * once, under its own name, in a section the patch module keeps; its
 * changed __initconst table travels as a copy.
 */
extern void ext(int);
extern int idx;
static const int keys[] __attribute__((section(".init.rodata"))) = { 1, 5, 3 };
static __attribute__((section(".init.text"), cold, noinline)) int setup(void) { ext(keys[idx]); return 0; }
int init_module(void) __attribute__((alias("setup")));
int runtime(int a) { return a * 3; }
