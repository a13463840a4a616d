/* b.c's pr_debug() descriptor travels as the patch's own (the module loader
 * registers it under the patch module), unlike any other kernel variable */
#include "../../kernel.h"

static struct { const char *fmt; int line; } ddesc
	__attribute__((used, section("__dyndbg"))) = { "b %d\n", 21 };

int b_func(int x)
{
	return exported_fn((int)&ddesc) + x;
}
