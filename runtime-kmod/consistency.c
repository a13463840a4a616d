// SPDX-License-Identifier: GPL-2.0
/*
 * The stop_machine() callback and the stack check.
 *
 * i386 has no reliable unwinder, so the check combines the frame-pointer
 * chain with a conservative scan. With every CPU stopped, each sleeping
 * task's stack is walked frame by frame: the return address of each frame
 * and the ip of each interrupted context (pt_regs) are checked exactly. The
 * words the chain cannot vouch for are scanned one by one: from the saved
 * stack pointer to the first frame (the switch frame), from an interrupted
 * kernel sp to the next frame (a function interrupted before its prologue,
 * or frameless asm, has its caller's return address there), and everything
 * above the point where the walk fails. The locals of complete frames are
 * not scanned: stale return addresses left there by earlier system calls
 * (a new task's stack pages are not cleared) would refuse a switch that the
 * retries could never get past.
 *
 * A word inside code that stops being the target of a site (the original
 * function, or the previous patch's version) means a task would come back
 * into it: the switch is refused for this attempt and retried a bounded
 * number of times.
 *
 * Tasks on a CPU (on_cpu) during stop_machine() are the stopper threads:
 * they run stop_machine code only. The task that called stop_machine()
 * sleeps and is checked like any other.
 *
 * The stall is the check's time: every stopped CPU checks a share of the
 * tasks, and a bit per text page that a range touches lets most stack
 * words go after one test instead of a binary search over the ranges.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/bitmap.h>
#include <linux/bsearch.h>
#include <linux/delay.h>
#include <linux/hash.h>
#include <linux/log2.h>
#include <linux/ktime.h>
#include <linux/sched/signal.h>
#include <linux/sched/task_stack.h>
#include <linux/sort.h>
#include <linux/stop_machine.h>
#include <asm/sync_core.h>
#include <asm/unwind.h>
#include "internal.h"

static int lkhp_range_cmp(const void *a, const void *b)
{
	const struct lkhp_range *ra = a, *rb = b;

	if (ra->start == rb->start)
		return 0;
	return ra->start < rb->start ? -1 : 1;
}

static int lkhp_range_key(const void *key, const void *elt)
{
	unsigned long addr = *(const unsigned long *)key;
	const struct lkhp_range *r = elt;

	if (addr < r->start)
		return -1;
	return addr >= r->end ? 1 : 0;
}

static unsigned long lkhp_page_bit(unsigned long addr)
{
	return hash_long(addr >> PAGE_SHIFT, ilog2(LKHP_PAGE_FILTER_BITS));
}

static void lkhp_page_filter_fill(struct lkhp_switch *sw)
{
	unsigned long page;
	unsigned int i;

	bitmap_zero(sw->pages, LKHP_PAGE_FILTER_BITS);
	for (i = 0; i < sw->nr_ranges; i++) {
		for (page = sw->ranges[i].start & PAGE_MASK;
		     page < sw->ranges[i].end; page += PAGE_SIZE)
			__set_bit(lkhp_page_bit(page), sw->pages);
	}
}

static const struct lkhp_range *lkhp_range_find(const struct lkhp_switch *sw,
						unsigned long addr)
{
	if (!test_bit(lkhp_page_bit(addr), sw->pages))
		return NULL;
	return bsearch(&addr, sw->ranges, sw->nr_ranges, sizeof(*sw->ranges),
		       lkhp_range_key);
}

static const struct lkhp_range *lkhp_scan(const struct lkhp_switch *sw,
					   unsigned long *from, unsigned long *to)
{
	const struct lkhp_range *r;

	for (; from < to; from++) {
		r = lkhp_range_find(sw, READ_ONCE_NOCHECK(*from));
		if (r)
			return r;
	}
	return NULL;
}

#ifdef CONFIG_UNWINDER_FRAME_POINTER
/* The stack of @t from its saved @sp to @top, guided by the frame chain. */
static const struct lkhp_range *lkhp_walk(const struct lkhp_switch *sw,
					  struct task_struct *t,
					  unsigned long *sp, unsigned long *top)
{
	unsigned long *gap = sp, *last = sp, *frame;
	const struct lkhp_range *r;
	struct unwind_state st;

	for (unwind_start(&st, t, NULL, NULL); !unwind_done(&st);
	     unwind_next_frame(&st)) {
		frame = st.regs ? (unsigned long *)st.regs : st.bp;
		if (frame < last || frame >= top)	/* not on this stack */
			return lkhp_scan(sw, last, top);
		if (gap) {
			r = lkhp_scan(sw, gap, frame);
			if (r)
				return r;
			gap = NULL;
		}
		last = frame;
		r = lkhp_range_find(sw, st.ip);
		if (r)
			return r;
		if (st.regs && !user_mode(st.regs)) {
			gap = (unsigned long *)st.regs->sp;
			if (gap < frame || gap >= top)	/* not on this stack */
				return lkhp_scan(sw, frame, top);
		}
	}
	/* A broken chain: nothing above the last good frame is vouched for. */
	if (unwind_error(&st))
		return lkhp_scan(sw, last, top);
	return gap ? lkhp_scan(sw, gap, top) : NULL;
}
#else
/* Other unwinders (guess) give no frames to trust: scan it all. */
static const struct lkhp_range *lkhp_walk(const struct lkhp_switch *sw,
					  struct task_struct *t,
					  unsigned long *sp, unsigned long *top)
{
	return lkhp_scan(sw, sp, top);
}
#endif

static const struct lkhp_range *lkhp_task_busy(const struct lkhp_switch *sw,
					       struct task_struct *t)
{
	unsigned long *bottom, *top, *sp;

	if (t == current || READ_ONCE(t->on_cpu))
		return NULL;
	if (!refcount_read(&t->stack_refcount))
		return NULL;		/* exited, stack gone */
	bottom = task_stack_page(t);
	if (!bottom)
		return NULL;
	top = bottom + THREAD_SIZE / sizeof(*bottom);
	sp = (unsigned long *)t->thread.sp;
	if (sp < bottom || sp >= top)
		return lkhp_scan(sw, bottom, top);	/* no usable saved sp */
	return lkhp_walk(sw, t, sp, top);
}

/*
 * Check every @n-th task from the @me-th; record each busy one (a reference
 * taken: it is moved, or named, after the stop).
 */
static void lkhp_check_stacks(struct lkhp_switch *sw, unsigned int me,
			      unsigned int n)
{
	struct task_struct *g, *t;
	const struct lkhp_range *r;
	unsigned int i = 0, k;

	rcu_read_lock();
	for_each_process_thread(g, t) {
		if (i++ % n != me)
			continue;
		r = lkhp_task_busy(sw, t);
		if (!r)
			continue;
		k = atomic_inc_return(&sw->nr_busy) - 1;
		if (k < sw->max_busy) {
			sw->busy[k] = get_task_struct(t);
			sw->busy_range[k] = r;
		}
	}
	rcu_read_unlock();
}

/*
 * Runs on every online CPU: each checks its share of the tasks; the last to
 * finish applies the writes (or not) and releases the others.
 */
static int lkhp_stop_fn(void *data)
{
	struct lkhp_switch *sw = data;
	unsigned int n = num_online_cpus();
	unsigned int me = atomic_inc_return(&sw->cpus_in) - 1;

	lkhp_check_stacks(sw, me, n);
	if (atomic_inc_return(&sw->cpus_checked) == n) {
		/* The others' busy_* are visible: atomic RMW orders them. */
		sw->ret = atomic_read(&sw->nr_busy) ? -EBUSY :
			  lkhp_writes_apply(sw);
		/* Publish ret and the new text before releasing the others. */
		smp_store_release(&sw->done, 1);
	} else {
		/* Pairs with the release above. */
		while (!smp_load_acquire(&sw->done))
			cpu_relax();
	}
	/* No CPU leaves with stale instructions: serialize each one. */
	sync_core();
	return sw->ret;
}

/*
 * Name a task the last attempt found busy, in sw->busy_*: the first that
 * could not be moved (not a user task asleep interruptibly), else the first.
 */
static void lkhp_busy_name(struct lkhp_switch *sw)
{
	unsigned int i, n = min_t(unsigned int, atomic_read(&sw->nr_busy),
				  sw->max_busy);
	struct task_struct *t;
	const struct lkhp_range *r;

	for (i = 0; i < n; i++) {
		t = sw->busy[i];
		if (!lkhp_movable(t) ||
		    !(READ_ONCE(t->__state) & TASK_INTERRUPTIBLE))
			break;
	}
	if (i == n)
		i = 0;
	t = sw->busy[i];
	r = sw->busy_range[i];

	sw->busy_func = r->name;
	sw->busy_obj = r->obj;
	sw->busy_pid = task_pid_nr(t);
	sw->busy_kthread = t->flags & PF_KTHREAD;
	get_task_comm(sw->busy_comm, t);
}

/* Drop the references the last attempt took on the busy tasks. */
static void lkhp_busy_put(struct lkhp_switch *sw)
{
	unsigned int i, n = min_t(unsigned int, atomic_read(&sw->nr_busy),
				  sw->max_busy);

	for (i = 0; i < n; i++)
		put_task_struct(sw->busy[i]);
	atomic_set(&sw->nr_busy, 0);
}

static int lkhp_attempt(struct lkhp_switch *sw)
{
	u64 start = ktime_get_ns();
	int ret;

	atomic_set(&sw->cpus_in, 0);
	atomic_set(&sw->cpus_checked, 0);
	sw->done = 0;
	sw->ret = 0;
	ret = stop_machine(lkhp_stop_fn, sw, cpu_online_mask);
	sw->stats.stop_ns = ktime_get_ns() - start;
	return ret;
}

/*
 * Apply @sw atomically. While a task is inside code being replaced, move
 * the tasks found there out of it (move.c) and try again, a bounded number
 * of times. Returns 0, -EBUSY (sw->busy_* name a task still inside),
 * -ENOMEM or -EIO.
 */
int lkhp_switch_run(struct lkhp_switch *sw)
{
	u64 start = ktime_get_ns();
	int tries = 0, ret;

	lockdep_assert_held(&lkhp_mutex);
	sort(sw->ranges, sw->nr_ranges, sizeof(*sw->ranges), lkhp_range_cmp,
	     NULL);
	lkhp_page_filter_fill(sw);
	sw->max_busy = LKHP_BUSY_MAX;
	sw->busy = kvcalloc(sw->max_busy, sizeof(*sw->busy), GFP_KERNEL);
	sw->busy_range = kvcalloc(sw->max_busy, sizeof(*sw->busy_range),
				  GFP_KERNEL);
	sw->held = kvcalloc(sw->max_busy, sizeof(*sw->held), GFP_KERNEL);
	ret = -ENOMEM;
	if (!sw->busy || !sw->busy_range || !sw->held)
		goto out;
	for (;;) {
		ret = lkhp_attempt(sw);
		if (ret != -EBUSY)
			break;
		if (++tries >= LKHP_STOP_TRIES) {
			lkhp_busy_name(sw);
			break;
		}
		/* Those moved are out already; wait for the others. */
		if (!lkhp_move_busy(sw))
			msleep(LKHP_RETRY_MS);
		lkhp_busy_put(sw);
	}
	lkhp_busy_put(sw);
	lkhp_move_release(sw);
	sw->stats.switch_ns = ktime_get_ns() - start;
out:
	kvfree(sw->busy);
	kvfree(sw->busy_range);
	kvfree(sw->held);
	return ret;
}
