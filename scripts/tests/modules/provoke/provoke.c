// SPDX-License-Identifier: GPL-2.0
/*
 * Harness self-test: provoke one class of kernel failure, so that a test can
 * show scripts/qemu-run fails the run on it. The failure happens in a kthread
 * after insmod has returned 0, as a failure in real code would: the guest
 * script itself succeeds.
 *
 *   insmod provoke.ko what=CLASS [secs=N] [delay_ms=N]
 */
#include <linux/module.h>
#include <linux/kthread.h>
#include <linux/delay.h>
#include <linux/slab.h>
#include <linux/jiffies.h>
#include <linux/sched.h>
#include <linux/rcupdate.h>
#include <asm/desc.h>

static char *what = "";
module_param(what, charp, 0444);
MODULE_PARM_DESC(what, "the failure class to provoke");
static uint secs = 5;
module_param(secs, uint, 0444);
MODULE_PARM_DESC(secs, "how long a lockup, stall or hang lasts");
static uint delay_ms;
module_param(delay_ms, uint, 0444);
MODULE_PARM_DESC(delay_ms, "wait this long before provoking");

/* An unused GDT slot on i386 (asm/segment.h: 28 - unused). */
#define PROVOKE_GDT_ENTRY 28

static void spin_for(unsigned int s)
{
	unsigned long end = jiffies + s * HZ;

	while (time_before(jiffies, end))
		cpu_relax();
}

static void provoke_softlockup(void)
{
	preempt_disable();
	spin_for(secs);
	preempt_enable();
}

static void provoke_hardlockup(void)
{
	u64 end = ktime_get_mono_fast_ns() + (u64)secs * NSEC_PER_SEC;

	/* jiffies stop on this CPU, but the clocksource keeps counting. */
	local_irq_disable();
	while (ktime_get_mono_fast_ns() < end)
		cpu_relax();
	local_irq_enable();
}

static void provoke_hungtask(void)
{
	set_current_state(TASK_UNINTERRUPTIBLE);
	schedule_timeout(secs * HZ);
}

/* A preempted RCU reader holds up the grace period. */
static void provoke_rcustall(void)
{
	rcu_read_lock();
	spin_for(secs);
	rcu_read_unlock();
}

static int rcu_reader(void *unused)
{
	provoke_rcustall();
	return 0;
}

/*
 * An expedited grace period waits for a reader: its stall has a console
 * line of its own, and a timeout of its own (rcu_exp_cpu_stall_timeout).
 */
static void provoke_rcuexpstall(void)
{
	if (IS_ERR(kthread_run(rcu_reader, NULL, "lkhp_provoke_rd")))
		return;
	msleep(100);
	synchronize_rcu_expedited();
}

/* A taint with nothing on the console, as some kernel paths leave one. */
static void provoke_taint(void)
{
	add_taint(TAINT_BAD_PAGE, LOCKDEP_STILL_OK);
}

static void provoke_pagefault(void)
{
	pr_info("lkhp-provoke: read %d\n", READ_ONCE(*(int *)16));
}

static void provoke_nx(void)
{
	void (*fn)(void) = kmalloc(64, GFP_KERNEL);

	if (!fn)
		return;
	memset(fn, 0xc3, 64);	/* ret: harmless if it ever ran */
	fn();
	kfree(fn);
}

static void provoke_gpf(void)
{
	/* A selector past the GDT's limit. */
	asm volatile("mov %0, %%es" : : "r"(0xfff8) : "memory");
}

static void provoke_divide(void)
{
	unsigned int lo = 1, hi = 0, zero = 0;

	asm volatile("divl %2" : "+a"(lo), "+d"(hi) : "rm"(zero));
}

static void provoke_doublefault(void)
{
	/* The #PF of the push faults again while the CPU pushes its frame. */
	asm volatile("movl $0x1000, %%esp\n\tpushl $0" : : : "memory");
}

static void provoke_stackseg(void)
{
	struct desc_struct absent = GDT_ENTRY_INIT(0xc013, 0, 0xfffff);

	/* A writable data segment that is not present: #SS on load into SS. */
	preempt_disable();
	write_gdt_entry(get_cpu_gdt_rw(smp_processor_id()), PROVOKE_GDT_ENTRY,
			&absent, DESCTYPE_S);
	asm volatile("mov %0, %%ss" : : "r"(PROVOKE_GDT_ENTRY * 8) : "memory");
	preempt_enable();
}

static void provoke_int3(void)
{
	asm volatile("int3");
}

static void provoke_warning(void)
{
	WARN(1, "lkhp-provoke: warning\n");
}

static void provoke_bug(void)
{
	BUG();
}

static void provoke_panic(void)
{
	panic("lkhp-provoke: panic");
}

static const struct {
	const char *name;
	void (*fn)(void);
} provocations[] = {
	{ "softlockup", provoke_softlockup },
	{ "hardlockup", provoke_hardlockup },
	{ "hungtask", provoke_hungtask },
	{ "rcustall", provoke_rcustall },
	{ "rcuexpstall", provoke_rcuexpstall },
	{ "taint", provoke_taint },
	{ "pagefault", provoke_pagefault },
	{ "nx", provoke_nx },
	{ "bug", provoke_bug },
	{ "gpf", provoke_gpf },
	{ "divide", provoke_divide },
	{ "doublefault", provoke_doublefault },
	{ "stackseg", provoke_stackseg },
	{ "panic", provoke_panic },
	{ "warning", provoke_warning },
	{ "oops", provoke_int3 },
};

static int provoke_thread(void *data)
{
	void (*fn)(void) = data;

	/* An hrtimer, as the guest's own sleep: jiffies lag under a loaded host. */
	usleep_range((unsigned long)delay_ms * USEC_PER_MSEC,
		     (unsigned long)delay_ms * USEC_PER_MSEC + 1000);
	pr_info("lkhp-provoke: provoking %s\n", what);
	fn();
	pr_info("lkhp-provoke: %s done\n", what);
	return 0;
}

static int __init provoke_init(void)
{
	size_t i;

	for (i = 0; i < ARRAY_SIZE(provocations); i++) {
		if (strcmp(what, provocations[i].name))
			continue;
		return PTR_ERR_OR_ZERO(kthread_run(provoke_thread,
						   provocations[i].fn,
						   "lkhp_provoke"));
	}
	pr_err("lkhp-provoke: unknown class '%s'\n", what);
	return -EINVAL;
}

/* No exit: the kthread may still run, so the module can never be unloaded. */
module_init(provoke_init);
MODULE_LICENSE("GPL");
