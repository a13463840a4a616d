/* fakemod's fm_func, its main.c helper and fm_noftrace changed. */
#include "../../../kernel.h"

KERNEL_STATIC(int, counter, "main.c", "counter");

static __attribute__((noinline)) int helper(void)
{
	return counter++ * 4;
}

int fm_func(int x)
{
	return helper() + x * 2 + hidden_fn(x) + exported_fn(x);
}

__attribute__((no_instrument_function)) int fm_noftrace(int x)
{
	return x * 6 + 17;
}
