/*
 * fm_func gets a static branch on the module's own key fm_key, and one on
 * the kernel's hidden_var: the kernel reads __jump_table when the patch
 * loads, when fakemod may not be loaded, so the first entry moves to
 * fakemod's jump table (lkhp.ko links it when fakemod loads); the second
 * stays.
 */
#include "../../../kernel.h"

extern int fm_key;
extern int hidden_var;

int fm_func(int x)
{
	asm goto("1: jmp %l[yes]\n"
		 ".pushsection __jump_table, \"aw\"\n"
		 ".long 1b - ., %l[yes] - ., hidden_var - .\n"
		 ".popsection" : : : : yes);
	asm goto("1: jmp %l[yes]\n"
		 ".pushsection __jump_table, \"aw\"\n"
		 ".long 1b - ., %l[yes] - ., fm_key + 1 - .\n"
		 ".popsection" : : : : yes);
	return x;
yes:
	return x + 1;
}
