/* fakemod's code may use vmlinux, fakemod and othermod's exports only */
#include "../../../kernel.h"

KERNEL_STATIC(int, nosuch, "main.c", "nosuch");

int fm_func(int x)
{
	return om_hidden(x) + nosuch;
}
