#include "../../../kernel.h"

int fm_more(int x)
{
	return shared_name * x;
}
