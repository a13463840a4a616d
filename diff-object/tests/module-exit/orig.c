/*
 * A module's changed __exit function (.exit.text) and module_exit()'s
 * alias of it: with -m (module code, modules can be unloaded) it is patched
 * once, under its own name, in a section the patch module keeps.
 */
extern void ext(int);
static __attribute__((section(".exit.text"), cold, noinline)) void teardown(void) { ext(1); }
void cleanup_module(void) __attribute__((alias("teardown")));
int runtime(int a) { return a * 3; }
