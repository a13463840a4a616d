#include "kasm.h"
int checked(int a)
{
	WARN_ON(a > 10);
	return a * 2;
}
