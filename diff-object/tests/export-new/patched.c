/* a new exported function travels with its export entry and name */
#include "kasm.h"
extern void ext(int);
int helper_new(int a) { ext(a); return a + 7; }
EXPORT_SYMBOL(helper_new);
int user(int a) { ext(a); return helper_new(a) + 1; }
int other(int a) { return a * 2; }
EXPORT_SYMBOL(other);
