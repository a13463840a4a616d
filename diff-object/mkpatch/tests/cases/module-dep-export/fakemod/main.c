/* fm_func calls om_export: othermod's export, and fakemod depends on othermod. */
#include "../../../kernel.h"

int fm_func(int x)
{
	return om_export(x) + 1;
}
