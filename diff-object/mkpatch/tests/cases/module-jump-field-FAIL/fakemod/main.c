/*
 * A __jump_table entry whose code field names a symbol of the module: only
 * a key field may (the entry moves to the module's jump table for its key).
 */
#include "../../../kernel.h"

extern int fm_key;

int fm_func(int x)
{
	asm goto("1: jmp %l[yes]\n"
		 ".pushsection __jump_table, \"aw\"\n"
		 ".long fm_key - ., %l[yes] - ., fm_key - .\n"
		 ".popsection" : : : : yes);
	return x;
yes:
	return x + 1;
}
