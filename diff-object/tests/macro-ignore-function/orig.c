extern void ext(int);
__attribute__((section(".init.text"), cold, noinline)) int setup_thing(int a) { ext(a); return a + 1; }
int runtime(int a) { return a * 3; }
__attribute__((noinline)) int helper(int a) { ext(a); return a; }
