/* vmlinux's b_func and fakemod's fm_more in one patch. */
#include "../../kernel.h"

KERNEL_STATIC(int, counter_b, "b.c", "counter");

int b_func(int x)
{
	return counter_b + x + hidden_fn(x);
}
