// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces the second of dupsym_target.ko's two static dupsym_show()
 * (dupsym_b.c's, position 2): the module's parameter b reads "b patched",
 * a stays "a original". dupsym_syms.h (generated at build time from the
 * built dupsym_target.ko) gives each one's position, size and offset.
 */
#include "lkhp_test.h"
#include "dupsym_syms.h"

static_assert(DUPSYM_B_POS == 2, "dupsym_b.c's dupsym_show() is the second");

static int new_dupsym_show(char *buf)
{
	return sprintf(buf, "b patched\n");
}

/* the test kernel has ftrace: its functions start with `call __fentry__` */
static struct lkhp_patch_func funcs[] = {
	{
		.old_name = "dupsym_show",
		.objname = "dupsym_target",
		.sympos = DUPSYM_B_POS,
		.old_addr = DUPSYM_B_OFFSET,
		.old_size = DUPSYM_B_SIZE,
		.site_offset = LKHP_SITE_FENTRY,
		.new_func = new_dupsym_show,
	},
};

LKHP_TEST_PATCH("dupsym", 0, funcs, NULL, 0);
