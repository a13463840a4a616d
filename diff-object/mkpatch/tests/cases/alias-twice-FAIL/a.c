/* Both names of one function replaced: lkhp.ko sees one function twice. */
#include "../../kernel.h"

int aliased_fn(int x)
{
	return x * 6 + 1;
}

int aliased_other(int x)
{
	return x * 6 + 2;
}
