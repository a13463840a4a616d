// SPDX-License-Identifier: GPL-2.0
/*
 * Moving tasks out of the code a switch replaces, before the switch.
 *
 * A user task asleep interruptibly there gets a task_work queued with
 * TWA_SIGNAL, which is what a signal without a handler does to it without
 * being one: it wakes up, its system call unwinds (-ERESTART*, or -EINTR
 * where the call returns that for any signal) to the exit to user space,
 * and get_signal() runs the work before it looks for signals. The work
 * waits there, outside the code and holding no lock, until the switch is
 * done; the system call then restarts as after a signal without a
 * handler. Nothing is queued, delivered or killed; a real signal arriving
 * meanwhile ends the wait and is delivered as usual.
 *
 * A kthread asleep interruptibly is woken, as livepatch does: it leaves only
 * if its loop does. Tasks in any other state stay where they are, and the
 * retries name them.
 *
 * The work's last act is a jump into module_put() (hold-exit.S), dropping
 * the reference its queueing took with no lkhp.ko code left to run: lkhp.ko
 * cannot go while a work is pending or a task waits in one.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/sched.h>
#include <linux/sched/task.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/task_work.h>
#include <linux/wait.h>
#include "internal.h"

struct lkhp_hold {
	struct callback_head	work;
	unsigned long		gen;
};

/* The generation of the holds: a release ends one. */
static DEFINE_SPINLOCK(lkhp_hold_lock);
static unsigned long lkhp_hold_gen;
static unsigned int lkhp_arrived;	/* tasks that reached this gen's hold */
static DECLARE_WAIT_QUEUE_HEAD(lkhp_hold_wq);	/* held tasks */
static DECLARE_WAIT_QUEUE_HEAD(lkhp_arrive_wq);	/* the mover */

/* The work, called by lkhp_hold_run(): wait until this gen is released. */
void lkhp_hold_wait(struct callback_head *work)
{
	struct lkhp_hold *h = container_of(work, struct lkhp_hold, work);
	unsigned long gen = h->gen;
	bool current_gen;

	kfree(h);
	if (current->flags & PF_EXITING)	/* run by the task's exit */
		return;
	spin_lock(&lkhp_hold_lock);
	current_gen = gen == lkhp_hold_gen;
	if (current_gen)
		lkhp_arrived++;
	spin_unlock(&lkhp_hold_lock);
	if (!current_gen)
		return;
	wake_up(&lkhp_arrive_wq);
	wait_event_interruptible(lkhp_hold_wq,
				 READ_ONCE(lkhp_hold_gen) != gen);
}

bool lkhp_movable(const struct task_struct *t)
{
	return !(t->flags & (PF_KTHREAD | PF_IO_WORKER | PF_EXITING));
}

static bool lkhp_queued(const struct lkhp_switch *sw, struct task_struct *t)
{
	unsigned int i;

	for (i = 0; i < sw->nr_held; i++) {
		if (sw->held[i] == t)
			return true;
	}
	return false;
}

/* Queue a hold on @t; false if the task is exiting already. */
static bool lkhp_hold(struct lkhp_switch *sw, struct task_struct *t)
{
	struct lkhp_hold *h = kmalloc(sizeof(*h), GFP_KERNEL);

	if (!h)
		return false;
	init_task_work(&h->work, lkhp_hold_run);
	h->gen = lkhp_hold_gen;		/* changed under lkhp_mutex only */
	__module_get(THIS_MODULE);
	if (task_work_add(t, &h->work, TWA_SIGNAL)) {
		module_put(THIS_MODULE);
		kfree(h);
		return false;
	}
	get_task_struct(t);
	sw->held[sw->nr_held++] = t;
	sw->stats.moved++;
	return true;
}

static bool lkhp_all_arrived(unsigned int want)
{
	bool all;

	spin_lock(&lkhp_hold_lock);
	all = lkhp_arrived >= want;
	spin_unlock(&lkhp_hold_lock);
	return all;
}

/*
 * Move what can be moved of the tasks the last attempt found busy, and wait
 * until the moved ones are out, LKHP_MOVE_MS at most over a switch: the
 * tasks held already wait too. Called with lkhp_mutex held, between
 * attempts. Returns how many tasks it held this time.
 */
unsigned int lkhp_move_busy(struct lkhp_switch *sw)
{
	unsigned int held = sw->nr_held, i;
	unsigned int n = min_t(unsigned int, atomic_read(&sw->nr_busy),
			       sw->max_busy);

	lockdep_assert_held(&lkhp_mutex);
	if (!sw->move_until)
		sw->move_until = jiffies + msecs_to_jiffies(LKHP_MOVE_MS);
	for (i = 0; i < n; i++) {
		struct task_struct *t = sw->busy[i];

		if (!(READ_ONCE(t->__state) & TASK_INTERRUPTIBLE))
			continue;
		/*
		 * wake_up_state() is not exported: a kthread that went to an
		 * uninterruptible sleep since the test may see a spurious
		 * wakeup, which every sleep must take anyway.
		 */
		if (!lkhp_movable(t))
			wake_up_process(t);
		else if (sw->nr_held < sw->max_busy && !lkhp_queued(sw, t))
			lkhp_hold(sw, t);
	}
	if (time_before(jiffies, sw->move_until))
		wait_event_timeout(lkhp_arrive_wq,
				   lkhp_all_arrived(sw->nr_held),
				   sw->move_until - jiffies);
	return sw->nr_held - held;
}

/* Let the held tasks go back to their system calls. */
void lkhp_move_release(struct lkhp_switch *sw)
{
	unsigned int i;

	lockdep_assert_held(&lkhp_mutex);
	if (!sw->nr_held)
		return;
	spin_lock(&lkhp_hold_lock);
	WRITE_ONCE(lkhp_hold_gen, lkhp_hold_gen + 1);
	lkhp_arrived = 0;
	spin_unlock(&lkhp_hold_lock);
	wake_up_all(&lkhp_hold_wq);
	for (i = 0; i < sw->nr_held; i++)
		put_task_struct(sw->held[i]);
	sw->nr_held = 0;
}
