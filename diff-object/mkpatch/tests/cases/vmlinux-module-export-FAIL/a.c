/* vmlinux cannot use a module's export: it depends on no module. */
#include "../../kernel.h"

int a_func(int x)
{
	return om_export(x) * 2;
}
