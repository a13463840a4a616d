/* a new initcall: .initcall7.init holds no symbol and no code reaches it; it only acts at boot */
#include "kasm.h"
__attribute__((section(".init.text"), cold, noinline)) int setup_thing(void) { return 0; }
late_initcall(setup_thing);
int runtime(int a) { return a * 3; }
