// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces msleep with an equivalent that counts its calls. The task whose
 * pid is in spin_pid busy-waits in it instead, calling nothing: preempted
 * there, only its interrupt frame's ip is inside this function. (Only that
 * task: lkhp itself sleeps with msleep between retries.)
 */
#include <linux/atomic.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include "lkhp_test.h"

static atomic_t calls = ATOMIC_INIT(0);
module_param_named(calls, calls.counter, int, 0444);
static int spin_pid;
module_param(spin_pid, int, 0644);
/* The pid of the task now spinning: a test waits for it before it checks. */
static int spinning;
module_param(spinning, int, 0444);

static void new_msleep(unsigned int msecs)
{
	unsigned long timeout = msecs_to_jiffies(msecs) + 1;

	atomic_inc(&calls);
	while (READ_ONCE(spin_pid) == task_pid_nr(current)) {
		WRITE_ONCE(spinning, spin_pid);
		cpu_relax();
	}
	if (READ_ONCE(spinning) == task_pid_nr(current))
		WRITE_ONCE(spinning, 0);
	while (timeout)
		timeout = schedule_timeout_uninterruptible(timeout);
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(msleep, new_msleep),
};

LKHP_TEST_PATCH("msleep", 0, funcs, NULL, 0);
