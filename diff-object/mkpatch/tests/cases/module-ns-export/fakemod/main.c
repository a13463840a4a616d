/* fm_func calls om_ns_export: othermod's export in namespace OTHER_NS. */
#include "../../../kernel.h"

int fm_func(int x)
{
	return om_ns_export(x) + 1;
}
