/* main.c's and more.c's helper and counter: more.c's original pins its block */
#include "../../../kernel.h"

KERNEL_STATIC(int, counter, "more.c", "counter");

static __attribute__((noinline)) int helper(void)
{
	return counter-- + 7;
}

int fm_more(int x)
{
	return helper() * x;
}
