#include "../../kernel.h"

KERNEL_STATIC(int, counter, "b.c", "counter");

static __attribute__((noinline)) int helper(void)
{
	return counter-- + 7;
}

int b_func(int x)
{
	return helper() * x + no_ftrace(x);
}
