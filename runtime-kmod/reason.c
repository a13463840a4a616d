// SPDX-License-Identifier: GPL-2.0
/*
 * Why lkhp.ko refused or failed, for the caller: every refusal goes to
 * dmesg and into one reason buffer.  An enable, disable or remove ioctl
 * returns the reason of its own failure (it runs under lkhp_mutex, from
 * clear to take); a patch module whose registration, or enable once it is
 * live, failed leaves the reason behind with its module name, for
 * LKHP_IOC_LAST_ERROR.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include "internal.h"

static DEFINE_SPINLOCK(lkhp_reason_lock);
static char lkhp_reason[LKHP_REASON_LEN];
static struct lkhp_last_error lkhp_last;

void lkhp_fail(const char *fmt, ...)
{
	char buf[LKHP_REASON_LEN];
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(buf, sizeof(buf), fmt, ap);
	va_end(ap);
	/* a reason cut short says so */
	if (n >= (int)sizeof(buf))
		strcpy(buf + sizeof(buf) - 4, "...");
	pr_err("%s\n", buf);
	spin_lock(&lkhp_reason_lock);
	strscpy(lkhp_reason, buf, sizeof(lkhp_reason));
	spin_unlock(&lkhp_reason_lock);
}

/* The reason given since the last call into @out (NULL: forget it). */
void lkhp_reason_take(char *out)
{
	spin_lock(&lkhp_reason_lock);
	if (out)
		strscpy(out, lkhp_reason, LKHP_REASON_LEN);
	lkhp_reason[0] = '\0';
	spin_unlock(&lkhp_reason_lock);
}

/*
 * A registration, or the enable of a module just live, failed with @err:
 * keep its reason for the module's loader.
 */
void lkhp_reason_registration(const struct module *mod, int err)
{
	spin_lock(&lkhp_reason_lock);
	strscpy(lkhp_last.module, mod ? mod->name : "", sizeof(lkhp_last.module));
	lkhp_last.error = err;
	strscpy(lkhp_last.reason, lkhp_reason, sizeof(lkhp_last.reason));
	lkhp_reason[0] = '\0';
	spin_unlock(&lkhp_reason_lock);
}

void lkhp_reason_last(struct lkhp_last_error *out)
{
	spin_lock(&lkhp_reason_lock);
	memcpy(out->module, lkhp_last.module, sizeof(out->module));
	out->error = lkhp_last.error;
	memcpy(out->reason, lkhp_last.reason, sizeof(out->reason));
	spin_unlock(&lkhp_reason_lock);
}
