/*
 * fm_func gets a static branch on the module's own key fm_key: the kernel
 * reads __jump_table when the patch loads, and fakemod may not be loaded.
 */
#include "../../../kernel.h"

extern int fm_key;

int fm_func(int x)
{
	asm goto("1: jmp %l[yes]\n"
		 ".pushsection __jump_table, \"aw\"\n"
		 ".long 1b - ., %l[yes] - ., fm_key - .\n"
		 ".popsection" : : : : yes);
	return x;
yes:
	return x + 1;
}
