/* SPDX-License-Identifier: GPL-2.0 */
/*
 * dupsym_target.ko: dupsym_a.c and dupsym_b.c each have a static
 * dupsym_show() (the symbols at positions 1 and 2 of that name in the
 * module's symtab, in link order) and a read-only parameter, a or b, that
 * shows what the file's own dupsym_show() writes.
 */
#ifndef _DUPSYM_TARGET_H
#define _DUPSYM_TARGET_H

#include <linux/moduleparam.h>

/* Parameter @name of the module: its value is dupsym_show(buf) of this file. */
#define DUPSYM_PARAM(name)						\
static int dupsym_get_##name(char *buf, const struct kernel_param *kp)	\
{									\
	return dupsym_show(buf);					\
}									\
static const struct kernel_param_ops dupsym_ops_##name = {		\
	.get = dupsym_get_##name,					\
};									\
module_param_cb(name, &dupsym_ops_##name, NULL, 0444)

#endif /* _DUPSYM_TARGET_H */
