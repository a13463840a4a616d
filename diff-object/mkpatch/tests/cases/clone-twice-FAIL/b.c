/*
 * Two clones of one static: the changed scale.constprop.0.isra.0 and a new
 * scale.constprop.1.isra.0 (a new caller with another constant).  The
 * kernel has one clone of that un-numbered name, so the new one maps to it
 * by key as well: no jump may go in twice.
 */
#include "../../kernel.h"

KERNEL_STATIC(int, counter, "b.c", "counter");

static __attribute__((noinline, used)) int scale3(int k) __asm__("scale.constprop.0.isra.0");
static int scale3(int k)
{
	return k * 3 + counter;
}

static __attribute__((noinline, used)) int scale4(int k) __asm__("scale.constprop.1.isra.0");
static int scale4(int k)
{
	return k * 4 + counter;
}
