/* b_func changed, not forced. */
#include "../../kernel.h"

int b_func(int x)
{
	return x * 11 + exported_fn(x);
}
