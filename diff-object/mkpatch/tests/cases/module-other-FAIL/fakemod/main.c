/* fakemod's code may use vmlinux and fakemod, not othermod */
#include "../../../kernel.h"

KERNEL_STATIC(int, nosuch, "main.c", "nosuch");

int fm_func(int x)
{
	return om_export(x) + om_hidden(x) + nosuch;
}
