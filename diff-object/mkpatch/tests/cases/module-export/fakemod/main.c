/* fm_func calls the module's exported fm_export. */
#include "../../../kernel.h"

int fm_func(int x)
{
	return fm_export(x) + 1;
}
