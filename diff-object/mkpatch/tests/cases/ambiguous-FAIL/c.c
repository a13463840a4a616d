#include "../../kernel.h"

KERNEL_STATIC(int, dup, "c.c", "dup");

int c1_get(void)
{
	return dup += 2;
}
