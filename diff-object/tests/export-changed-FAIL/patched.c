/* the export moves into a namespace: the running kernel keeps the old entry */
#include "kasm.h"
int f(int a) { return a + 2; }
EXPORT_SYMBOL_NS(f, "LKHP_NS");
