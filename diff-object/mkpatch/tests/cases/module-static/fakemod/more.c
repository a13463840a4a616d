/* fakemod's more.c helper reads main.c's static `enabled`. */
#include "../../../kernel.h"

KERNEL_STATIC(int, counter, "more.c", "counter");
KERNEL_STATIC(int, enabled, "main.c", "enabled");

static __attribute__((noinline)) int helper(void)
{
	return counter-- + enabled;
}

int fm_more(int x)
{
	return helper() * x + counter;
}
