// SPDX-License-Identifier: GPL-2.0
/*
 * Not a patch: a kthread "lkhp_busy" that sleeps inside msleep() until the
 * module is unloaded, so that msleep is on its stack.
 */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>

static struct task_struct *busy_task;

static int busy_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(200);
	return 0;
}

static int __init busy_init(void)
{
	busy_task = kthread_run(busy_fn, NULL, "lkhp_busy");
	return PTR_ERR_OR_ZERO(busy_task);
}

static void __exit busy_exit(void)
{
	kthread_stop(busy_task);
}

module_init(busy_init);
module_exit(busy_exit);
MODULE_LICENSE("GPL");
