/* a changed __exit function (.exit.text) of vmlinux (no -m): discarded at link, never patched */
extern void ext(int);
__attribute__((section(".exit.text"), cold, noinline)) void teardown(int a) { ext(a + 1); }
int runtime(int a) { return a * 3; }
