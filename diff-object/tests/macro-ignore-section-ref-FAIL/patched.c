/* Changed code calling into a section the patch ignores. */
#include "lkhp-macros.h"

extern void ext(int);
__attribute__((section(".init.text"), cold, noinline)) int setup_thing(int a) { ext(a); return a + 2; }
int runtime(int a) { return setup_thing(a) * 4; }
LKHP_IGNORE_SECTION(".init.text");
