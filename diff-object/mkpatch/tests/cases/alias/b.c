/* A call to one name of an address that has two: both go in the tables. */
#include "../../kernel.h"

int b_func(int x)
{
	return aliased_other(x) + 1;
}
