/* a module's changed writable __initdata (-m): each load starts from the .ko's value */
extern void ext(int);
static int limit __attribute__((section(".init.data"))) = 5;
static __attribute__((section(".init.text"), cold, noinline)) int setup(void) { ext(limit++); return 0; }
int init_module(void) __attribute__((alias("setup")));
int runtime(int a) { return a * 3; }
