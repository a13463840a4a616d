/*
 * A symbol the kernel does not export, in a table the loader reads before
 * it announces the module: apply_alternatives() copies the replacement
 * over the code before lkhp.ko could resolve the field.
 */
#include "../../kernel.h"

int b_func(int x)
{
	asm("1: nop; nop; nop; nop; nop\n"
	    "2:\n"
	    ".pushsection .altinstr_replacement, \"ax\"\n"
	    "3: movl hidden_var, %%eax\n"
	    "4:\n"
	    ".popsection\n"
	    ".pushsection .altinstructions, \"a\"\n"
	    ".long 1b - ., 3b - .\n"
	    ".word 0\n"
	    ".byte 2b - 1b, 4b - 3b\n"
	    ".popsection" : : : "eax");
	return x;
}
