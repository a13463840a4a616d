/* interior_fn has a symbol inside: lkhp.ko would find it too short. */
#include "../../kernel.h"

int b_func(int x)
{
	return interior_fn(x) + 1;
}
