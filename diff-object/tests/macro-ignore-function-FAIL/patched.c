/* LKHP_IGNORE_FUNCTION of a declared-only function and of an array. */
#include "lkhp-macros.h"

extern void elsewhere(void);
int table[4];
int runtime(int a) { return a * 4; }
LKHP_IGNORE_FUNCTION(elsewhere);
LKHP_IGNORE_FUNCTION(table);
