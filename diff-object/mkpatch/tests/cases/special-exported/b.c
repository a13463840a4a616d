/* A static key the kernel exports, in a table the loader reads. */
#include "../../kernel.h"

int b_func(int x)
{
	asm goto("1: jmp %l[yes]\n"
		 ".pushsection __jump_table, \"aw\"\n"
		 ".long 1b - ., %l[yes] - ., exported_var - .\n"
		 ".popsection" : : : : yes);
	return x;
yes:
	return x + 1;
}
