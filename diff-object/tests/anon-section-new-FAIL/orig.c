#include "kasm.h"
__attribute__((section(".init.text"), cold, noinline)) int setup_thing(void) { return 0; }
int runtime(int a) { return a * 3; }
