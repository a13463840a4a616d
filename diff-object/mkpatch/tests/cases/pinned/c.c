/* FILE/dup is ambiguous, but the original object pins c.c to c2/c.c's statics */
#include "../../kernel.h"

KERNEL_STATIC(int, dup, "c.c", "dup");
KERNEL_STATIC(int, calls, "c.c", "calls");

int c2_get(void)
{
	calls += 2;
	return dup++ + calls;
}
