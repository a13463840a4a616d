#include "kasm.h"
/* a user access with a fixup, the way get_user() emits one */
static inline int probe(const int *p, int *val)
{
	int err = 0;

	asm volatile("1:	movl (%2), %1\n"
		     "2:\n"
		     _ASM_EXTABLE_TYPE(1b, 2b, EX_TYPE_UACCESS)
		     : "+r" (err), "=r" (*val) : "r" (p) : "memory");
	return err;
}
int reader(const int *p) { int v = 0; return probe(p, &v) ? -14 : v + 1; }
int other_reader(const int *p) { int v = 0; return probe(p, &v) ? -14 : v; }
