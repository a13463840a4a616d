/* a changed __exit function (.exit.text): discarded or run once at unload, never patched */
extern void ext(int);
__attribute__((section(".exit.text"), cold, noinline)) void teardown(int a) { ext(a + 1); }
int runtime(int a) { return a * 3; }
