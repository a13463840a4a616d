// SPDX-License-Identifier: GPL-2.0
/* Out-of-tree module test: proves modules build against the cached tree and load. */
#include <linux/module.h>

static int __init hello_init(void)
{
	pr_info("lkhp-hello: loaded\n");
	return 0;
}

static void __exit hello_exit(void)
{
	pr_info("lkhp-hello: unloaded\n");
}

module_init(hello_init);
module_exit(hello_exit);
MODULE_LICENSE("GPL");
