/*
 * A call to a non-exported function inside an alternative site: the loader
 * would rewrite the site before the runtime fills in the call's target.
 */
#include "../../kernel.h"

int b_func(int x)
{
	asm volatile("661: call hidden_fn\n662:\n"
		     ".pushsection .altinstr_replacement, \"ax\"\n"
		     "6641: nop; nop; nop; nop; nop\n6651:\n"
		     ".popsection\n"
		     ".pushsection .altinstructions, \"a\"\n"
		     ".long 661b - ., 6641b - .\n"
		     ".word 42\n"
		     ".byte 662b - 661b, 6651b - 6641b\n"
		     ".popsection" : "+a" (x));
	return x;
}
