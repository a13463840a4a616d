/* a .ko without STT_FILE symbols: statics are found by name alone */
#include "../../../kernel.h"

KERNEL_STATIC(int, enabled, "main.c", "enabled");

int fm_func(int x)
{
	return x * 2 + enabled + hidden_fn(x);
}
