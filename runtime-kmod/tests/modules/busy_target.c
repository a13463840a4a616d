// SPDX-License-Identifier: GPL-2.0
/*
 * Not a patch: a kthread "lkhp_busy" that sleeps inside msleep() until the
 * module is unloaded, so that msleep is on its stack. With stale=1 it
 * sleeps elsewhere, holding msleep's addresses in local variables: words
 * that look like return addresses but are not, as stale stack contents do.
 * With badfp=1 it holds the same words but sleeps below a broken frame
 * pointer: the unwinder stops there, and lkhp must scan everything above,
 * the words included (the conservative fallback).
 */
#include <linux/delay.h>
#include <linux/err.h>
#include <linux/kthread.h>
#include <linux/module.h>

static struct task_struct *busy_task;

static bool stale;
module_param(stale, bool, 0444);
MODULE_PARM_DESC(stale, "sleep outside msleep, with msleep's addresses as data");
static bool badfp;
module_param(badfp, bool, 0444);
MODULE_PARM_DESC(badfp, "as stale, sleeping below a broken frame-pointer chain");

static int busy_fn(void *data)
{
	while (!kthread_should_stop())
		msleep(200);
	return 0;
}

/* The callee's prologue saves a frame pointer that points nowhere. */
static noinline void sleep_badfp(void)
{
	asm volatile("push %%ebp\n\t"
		     "mov $0x10, %%ebp\n\t"
		     "mov %0, %%eax\n\t"
		     "call schedule_timeout_interruptible\n\t"
		     "pop %%ebp"
		     : : "i"(HZ / 5) : "eax", "ecx", "edx", "memory");
}

static int stale_fn(void *data)
{
	unsigned long words[4];
	int i;

	for (i = 0; i < ARRAY_SIZE(words); i++)
		words[i] = (unsigned long)msleep + 4 + i;
	/* barrier_data(): the words stay in this frame while it sleeps */
	while (!kthread_should_stop()) {
		barrier_data(words);
		if (badfp)
			sleep_badfp();
		else
			schedule_timeout_interruptible(HZ / 5);
	}
	barrier_data(words);
	return 0;
}

static int __init busy_init(void)
{
	busy_task = kthread_run(stale || badfp ? stale_fn : busy_fn, NULL,
				"lkhp_busy");
	return PTR_ERR_OR_ZERO(busy_task);
}

static void __exit busy_exit(void)
{
	kthread_stop(busy_task);
}

module_init(busy_init);
module_exit(busy_exit);
MODULE_LICENSE("GPL");
