#include "kasm.h"
int f(int a) { return a + 1; }
EXPORT_SYMBOL(f);
