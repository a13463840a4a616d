/* othermod does not depend on fakemod: calling its export would add that. */
#include "../../../kernel.h"

int om_hidden(int x)
{
	return fm_export(x) - 1;
}
