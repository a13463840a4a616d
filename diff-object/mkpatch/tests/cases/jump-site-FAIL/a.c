/* traced() starts with a static branch at +5, where the jump would go. */
#include "../../kernel.h"

int traced(int x)
{
	return x * 3 + hidden_var;
}
