/*
 * Definitions of variables vmlinux already has: b.c's counter and the
 * global hidden_var.  Were they to travel, b_func would count in copies.
 */
#include "../../kernel.h"

static int counter;
int hidden_var;

int b_func(int x)
{
	counter++;
	return x + counter + hidden_var;
}
