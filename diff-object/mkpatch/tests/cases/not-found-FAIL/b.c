#include "../../kernel.h"

KERNEL_STATIC(int, nosuch, "b.c", "nosuch");
extern int no_global;

int b_func(int x)
{
	return x + nosuch + no_global;
}
