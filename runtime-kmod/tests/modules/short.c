// SPDX-License-Identifier: GPL-2.0
/*
 * Targets a function with an ftrace site that is shorter than 12 bytes:
 * 5 (call __fentry__) + 7 (ljmp) do not fit, lkhp must refuse. Built as
 * shortjmp.c with SHORT_JMP, the record asks for the 5-byte jmp rel32,
 * which fits a function of 10 or 11 bytes.
 */
#include "lkhp_test.h"

#ifdef SHORT_JMP
#define SHORT_NAME	"shortjmp"
#define SHORT_FLAGS	LKHP_FUNC_JMP_REL32
#else
#define SHORT_NAME	"short"
#define SHORT_FLAGS	0
#endif

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
		.flags = SHORT_FLAGS,
	},
};

LKHP_TEST_PATCH(SHORT_NAME, 0, funcs, NULL, 0);
