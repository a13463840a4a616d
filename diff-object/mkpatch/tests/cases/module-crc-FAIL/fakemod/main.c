/* om_stale's version in Module.symvers is not the one fakemod imports. */
#include "../../../kernel.h"

int fm_func(int x)
{
	return om_stale(x) + 1;
}
