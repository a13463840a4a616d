/* a definition of fakemod's own `enabled`: the patch would use a copy */
#include "../../../kernel.h"

static int enabled = 1;

int fm_func(int x)
{
	enabled ^= x;
	return x + enabled;
}
