/* The running kernel calls it scale.constprop.0.isra.0: same key, same file. */
#include "../../kernel.h"

KERNEL_STATIC(int, counter, "b.c", "counter");

static __attribute__((noinline, used)) int scale(int k) __asm__("scale.constprop.1.isra.0");
static int scale(int k)
{
	return k * 4 + counter;
}
