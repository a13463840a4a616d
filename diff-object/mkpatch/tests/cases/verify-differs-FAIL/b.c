/* b_func and b.c's helper changed; b.c's counter stays the kernel's. */
#include "../../kernel.h"

KERNEL_STATIC(int, counter_b, "b.c", "counter");
KERNEL_STATIC(int, counter_a, "a.c", "counter");
KERNEL_STATIC(int, only_a, "a.c", "only_a");

static __attribute__((noinline)) int helper(void)
{
	return counter_b-- + 6;
}

/* new: not in vmlinux, so not in the table */
__attribute__((noinline)) int b_new(int x)
{
	return x ^ only_a;
}

int b_func(int x)
{
	return helper() * x + counter_b + counter_a + hidden_fn(x) + hidden_arr[3] +
	       exported_fn(x) + exported_var + b_new(x);
}
