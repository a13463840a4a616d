// SPDX-License-Identifier: GPL-2.0
/* The first dupsym_show() of dupsym_target.ko (see dupsym_target.h). */
#include <linux/module.h>
#include "dupsym_target.h"

static noinline int dupsym_show(char *buf)
{
	return sprintf(buf, "a original\n");
}
DUPSYM_PARAM(a);

static int __init dupsym_init(void)
{
	return 0;
}

/* an exit makes the module unloadable */
static void __exit dupsym_exit(void)
{
}

module_init(dupsym_init);
module_exit(dupsym_exit);
MODULE_LICENSE("GPL");
