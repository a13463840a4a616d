/*
 * A static key the kernel does not export, in __jump_table: lkhp.ko
 * resolves it when the loader announces the module, before the jump-label
 * notifier reads the table.
 */
#include "../../kernel.h"

int b_func(int x)
{
	asm goto("1: jmp %l[yes]\n"
		 ".pushsection __jump_table, \"aw\"\n"
		 ".long 1b - ., %l[yes] - ., hidden_var - .\n"
		 ".popsection" : : : : yes);
	return x;
yes:
	return x + 1;
}
