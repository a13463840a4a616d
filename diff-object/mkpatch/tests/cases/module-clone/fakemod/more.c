/* fakemod.ko has scale.constprop.0.isra.0 (more.c): same key, same file. */
#include "../../../kernel.h"

KERNEL_STATIC(int, counter, "more.c", "counter");

static __attribute__((noinline, used)) int scale(int k) __asm__("scale.constprop.1.isra.0");
static int scale(int k)
{
	return k * 4 + counter;
}
