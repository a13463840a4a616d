#include "kasm.h"
extern void ext(int);
int user(int a) { ext(a); return a + 1; }
int other(int a) { return a * 2; }
EXPORT_SYMBOL(other);
