/*
 * New variables travel: b.c has no `calls` in vmlinux, and only_a is a
 * static of a.c, not of b.c.  A constant of the kernel's name may travel
 * with new contents.
 */
#include "../../kernel.h"

static int calls;
static int only_a;
static const int counter[2] = { 1, 2 };

int b_func(int x)
{
	calls++;
	only_a ^= x;
	return x + calls + only_a + counter[x & 1];
}
