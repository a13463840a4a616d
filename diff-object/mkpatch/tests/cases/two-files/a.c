/* Two inputs with a static helper each: ld -r keeps them apart. */
#include "../../kernel.h"

KERNEL_STATIC(int, counter, "a.c", "counter");

static __attribute__((noinline)) int helper(void)
{
	return counter++ * 4;
}

__attribute__((no_instrument_function)) int no_ftrace(int x)
{
	return x * 9 + hidden_arr[x & 7] + helper();
}
