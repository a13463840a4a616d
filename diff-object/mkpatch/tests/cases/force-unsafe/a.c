/* a_func changed and forced unsafe; a new function forced too (no effect). */
#include "lkhp-macros.h"
#include "../../kernel.h"

__attribute__((noinline)) int a_new(int x)
{
	return x ^ 3;
}

int a_func(int x)
{
	return a_new(x) + exported_fn(x);
}
LKHP_FORCE_UNSAFE(a_func);
LKHP_FORCE_UNSAFE(a_new);
