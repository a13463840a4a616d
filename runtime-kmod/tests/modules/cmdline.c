// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces cmdline_proc_show: /proc/cmdline reads CMDLINE_MARKER. Variants
 * (wrapper files) change the name, the marker, the flags or break a field.
 */
#include <linux/seq_file.h>
#include "lkhp_test.h"

#ifndef CMDLINE_NAME
#define CMDLINE_NAME "cmdline"
#define CMDLINE_MARKER "lkhp-cmdline-patched"
#endif
#ifndef CMDLINE_FLAGS
#define CMDLINE_FLAGS 0
#endif

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_puts(m, CMDLINE_MARKER "\n");
	return 0;
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(cmdline_proc_show, new_cmdline_proc_show),
};

LKHP_TEST_PATCH(CMDLINE_NAME, CMDLINE_FLAGS, funcs, NULL, 0);
