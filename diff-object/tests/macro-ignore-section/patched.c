/* Changed init code and data, the sections ignored; and a name that is no section. */
#include "lkhp-macros.h"

extern void ext(int);
extern int boot_value;
__attribute__((section(".init.text"), cold, noinline)) int setup_thing(int a) { ext(a); return a + boot_value; }
__attribute__((section(".init.data"))) int boot_value = 2;
int runtime(int a) { return a * 4; }
LKHP_IGNORE_SECTION(".init.text");
LKHP_IGNORE_SECTION(".init.data");
LKHP_IGNORE_SECTION(".no.such");
