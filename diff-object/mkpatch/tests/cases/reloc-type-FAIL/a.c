/* A 16-bit reference to a kernel symbol cannot be an LKHP relocation. */
#include "../../kernel.h"

int a_func(int x)
{
	asm volatile(".pushsection .data.odd, \"aw\"\n.word hidden_var\n.popsection");
	return x + 1;
}
