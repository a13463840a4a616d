#include "../../../kernel.h"

KERNEL_STATIC(int, counter, "more.c", "counter");

int fm_more(int x)
{
	return counter * x + hidden_fn(x) + exported_fn(x);
}
