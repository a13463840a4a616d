/*
 * A static of an object without STT_FILE (an assembler .S file): lkhp-diff
 * names it __lkhp_local//NAME, with no file to find it by in vmlinux.
 */
#include "../../kernel.h"

KERNEL_STATIC(int, counter, "", "counter");

int a_func(int x)
{
	return x + counter;
}
