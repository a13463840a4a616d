// SPDX-License-Identifier: GPL-2.0
/*
 * Loads only if another module exports the symbol named by its parameter:
 * insmod symget.ko name=NAME shows that a module loaded later can use NAME.
 */
#include <linux/module.h>
#include <linux/moduleparam.h>

static char *name = "";
module_param(name, charp, 0444);

static int __init symget_init(void)
{
	void *addr = __symbol_get(name);

	if (!addr) {
		pr_info("symget: %s is not exported\n", name);
		return -ENOENT;
	}
	pr_info("symget: %s is exported, at %px\n", name, addr);
	__symbol_put(name);
	return 0;
}

static void __exit symget_exit(void)
{
}

module_init(symget_init);
module_exit(symget_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LKHP test: is a symbol exported to modules?");
