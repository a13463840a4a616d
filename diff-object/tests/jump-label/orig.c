#include "kasm.h"
extern struct static_key feature_key;
extern void ext(int);
int branchy(int a)
{
	if (arch_static_branch(&feature_key, 0))
		ext(a);
	return a + 1;
}
int bystander(int a)
{
	if (arch_static_branch(&feature_key, 1))
		ext(-a);
	return a;
}
