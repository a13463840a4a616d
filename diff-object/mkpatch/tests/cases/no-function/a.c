#include "../../kernel.h"

int brand_new(int x)
{
	return x + hidden_var;
}
