#include "kasm.h"
int checked(int a)
{
	({ int c = (a > 10); if (__builtin_expect(c, 0)) __WARN_FLAGS(BUGFLAG_WARNING | BUGFLAG_TAINT(9) | (1 << 1)); c; });
	return a * 2;
}
