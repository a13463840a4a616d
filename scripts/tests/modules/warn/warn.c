// SPDX-License-Identifier: GPL-2.0
/* Harness self-test: a WARN on load must make qemu-run fail. */
#include <linux/module.h>

static int __init lkhp_warn_init(void)
{
	WARN(1, "lkhp-warn-test: provoked on purpose\n");
	return 0;
}

static void __exit lkhp_warn_exit(void)
{
}

module_init(lkhp_warn_init);
module_exit(lkhp_warn_exit);
MODULE_LICENSE("GPL");
