// SPDX-License-Identifier: GPL-2.0
/*
 * Registers (and so enables) its patch of cmdline_proc_show, then fails its
 * init: lkhp.ko must take the patch down before the module is freed.
 */
#define CMDLINE_NAME "failinit"
#define CMDLINE_MARKER "lkhp-failinit-patched"
#define LKHP_TEST_AFTER_REGISTER failinit_after
#include "cmdline.c"

static int failinit_after(int registered)
{
	return registered ?: -EINVAL;
}
