/* A changed static forced unsafe; an unchanged function too (no effect). */
#include "lkhp-macros.h"

static __attribute__((noinline)) int looping(int a) { asm volatile("" ::: "memory"); return a * 5; }
int same(int a) { return a + 1; }
int entry(int a) { return looping(a) + same(a); }
LKHP_FORCE_UNSAFE(looping);
LKHP_FORCE_UNSAFE(same);
