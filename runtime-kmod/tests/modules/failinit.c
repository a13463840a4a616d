// SPDX-License-Identifier: GPL-2.0
/*
 * Registers its patch of cmdline_proc_show, then fails its init. lkhp.ko
 * enables a patch only once its module is live, so the site must still be
 * original at the end of this init (logged for the test), and the patch
 * must be gone before the module is freed.
 */
#define CMDLINE_NAME "failinit"
#define CMDLINE_MARKER "lkhp-failinit-patched"
#define LKHP_TEST_AFTER_REGISTER failinit_after
#include "cmdline.c"

static int failinit_after(int registered)
{
	/* runtime address: the link-time one moved by the KASLR offset */
	const u8 *site = (const u8 *)((unsigned long)&_printk -
				      LKHP_TEST_ANCHOR_ADDR +
				      SYM_cmdline_proc_show_ADDR +
				      SYM_cmdline_proc_show_SITE);

	pr_info("failinit: site at the end of init: %*ph\n", LKHP_LJMP_SIZE, site);
	return registered ?: -EINVAL;
}
