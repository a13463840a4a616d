#include "kasm.h"
__attribute__((section(".init.text"), cold, noinline)) int setup_one(void) { return 0; }
__attribute__((section(".init.text"), cold, noinline)) int setup_two(void) { return 1; }
late_initcall(setup_one);
int runtime(int a) { return a * 3; }
