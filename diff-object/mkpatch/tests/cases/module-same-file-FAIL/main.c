/* a main.c of vmlinux (new) and one of fakemod: both define helper */
#include "../../kernel.h"

static __attribute__((noinline)) int helper(void)
{
	return hidden_var;
}

int b_func(int x)
{
	return helper() + x;
}
