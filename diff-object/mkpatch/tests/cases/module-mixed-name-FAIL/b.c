#include "../../kernel.h"

int b_func(int x)
{
	return shared_name + x;
}
