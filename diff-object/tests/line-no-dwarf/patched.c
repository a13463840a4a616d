/* Without DWARF the callee list is all there is. */
#include "kasm.h"
extern void __sub_log(const char *func, int line, const char *fmt, ...);
#define sub_log(fmt, ...) __sub_log(__func__, __LINE__, fmt, ##__VA_ARGS__)
extern int ext(int);
/* two lines added */


int sleeper(int a)
{
	might_sleep();
	return ext(a);
}

int logger(int a)
{
	if (ext(a))
		sub_log("bad %d\n", a);
	return a;
}
