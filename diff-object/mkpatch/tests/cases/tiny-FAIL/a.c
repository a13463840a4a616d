#include "../../kernel.h"

void tiny(void)
{
	hidden_var = 1;
}
