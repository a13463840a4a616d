/*
 * fakemod's __exit function fm_exit changed, as lkhp-diff -m writes it: in
 * .text.lkhp_init_exit, under its static name (not cleanup_module).
 */
#include "../../../kernel.h"

KERNEL_STATIC(int, counter, "main.c", "counter");
void fm_enable(int on);

static __attribute__((section(".text.lkhp_init_exit"), used, noinline,
		      no_instrument_function))
void fm_exit(void)
{
	counter = 1;
	fm_enable(0);
}
