/* exporting a function the running kernel has cannot be carried: warned */
#include "kasm.h"
extern void ext(int);
int user(int a) { ext(a); return a + 2; }
EXPORT_SYMBOL(user);
