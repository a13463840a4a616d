/* fm_warn changed: its WARN_ONCE() flag and __func__ travel as copies of
 * the patch's own (lkhp-diff copies them), although strippedmod has two
 * of each name (main.c's and more.c's) and no file to tell them apart */
#include "../../../kernel.h"

int fm_warn(int x)
{
	static int __attribute__((section(".data.once"))) __already_done;

	if (x < 0 && !__already_done) {
		__already_done = 1;
		return exported_fn((int)__func__) * 4;
	}
	return x;
}
