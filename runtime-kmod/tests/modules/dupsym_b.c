// SPDX-License-Identifier: GPL-2.0
/*
 * The second dupsym_show() of dupsym_target.ko (see dupsym_target.h), of
 * another size than the first: a patch built for one does not verify
 * against the other.
 */
#include <linux/module.h>
#include "dupsym_target.h"

static noinline int dupsym_show(char *buf)
{
	return scnprintf(buf, PAGE_SIZE, "%s original\n", "b");
}
DUPSYM_PARAM(b);
