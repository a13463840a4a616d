/* ns_fn is exported in a namespace the patch module does not import. */
#include "../../kernel.h"

int a_func(int x)
{
	return ns_fn(x) + exported_fn(x);
}
