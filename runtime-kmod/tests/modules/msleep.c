// SPDX-License-Identifier: GPL-2.0
/* Replaces msleep with an equivalent that counts its calls. */
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include "lkhp_test.h"

static atomic_t calls = ATOMIC_INIT(0);
module_param_named(calls, calls.counter, int, 0444);

static void new_msleep(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	atomic_inc(&calls);
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(msleep, new_msleep),
};

LKHP_TEST_PATCH("msleep", 0, funcs, NULL, 0);
