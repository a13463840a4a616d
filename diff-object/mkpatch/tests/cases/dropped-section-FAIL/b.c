/* A relocation to a section lkhp-mkpatch does not carry: an error, never a relocation to symbol 0 */
#include "../../kernel.h"

/* gas relocates against a local label's section symbol */
asm(".pushsection .note.GNU-stack,\"\",@progbits\n.Lstack: .popsection\n"
    ".pushsection .data.refs,\"aw\"\n.long .Lstack\n.popsection\n");

int b_func(int x)
{
	return x + 42;
}
