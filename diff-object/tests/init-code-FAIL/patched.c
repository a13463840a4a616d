extern void ext(int);
__attribute__((section(".init.text"), cold, noinline)) int setup_thing(int a) { ext(a); return a + 2; }
__attribute__((section(".init.text"), cold, noinline)) int setup_other(int a) { ext(a * 2); return 0; }
int runtime(int a) { return a * 3; }
