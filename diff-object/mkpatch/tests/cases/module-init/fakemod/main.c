/*
 * fakemod's __init function fm_init changed, as lkhp-diff -m writes it: in
 * .text.lkhp_init_exit, under its static name (not init_module).
 */
#include "../../../kernel.h"

KERNEL_STATIC(int, counter, "main.c", "counter");
void fm_enable(int on);

static __attribute__((section(".text.lkhp_init_exit"), used, noinline,
		      no_instrument_function))
int fm_init(void)
{
	counter = 3;
	fm_enable(1);
	return 0;
}
