/*
 * traced_late() has a static branch at +10: inside the 7-byte ljmp at +5,
 * past the 5-byte jmp rel32 there, which mkpatch chooses; small() (11
 * bytes) has room for the jmp only; a_func gets the ljmp.
 */
#include "../../kernel.h"

int traced_late(int x)
{
	return x * 3 + hidden_var;
}

void small(int x)
{
	hidden_var = x + 1;
}

int a_func(int x)
{
	return x - 1;
}
