// SPDX-License-Identifier: GPL-2.0
/*
 * Targets a function with an ftrace site that is shorter than 12 bytes:
 * 5 (call __fentry__) + 7 (ljmp) do not fit, lkhp must refuse.
 */
#include "lkhp_test.h"

static void new_short(void)
{
}

static struct lkhp_patch_func funcs[] = {
	{
		.old_name = LKHP_TEST_SHORT_NAME,
		.old_addr = SYM_SHORT_ADDR,
		.old_size = SYM_SHORT_SIZE,
		.site_offset = SYM_SHORT_SITE,
		.new_func = new_short,
	},
};

LKHP_TEST_PATCH("short", 0, funcs, NULL, 0);
