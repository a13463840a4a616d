/* A new function left out, but called by changed code. */
#include "lkhp-macros.h"

__attribute__((noinline)) int brand_new(int a) { asm volatile("" ::: "memory"); return a + 1; }
int runtime(int a) { return brand_new(a) * 3; }
LKHP_IGNORE_FUNCTION(brand_new);
