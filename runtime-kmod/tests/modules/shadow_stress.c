// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow variables under concurrency: one kthread per CPU attaches, reads
 * and frees <object, id> pairs of a small shared set at random, while a
 * timer reads them in interrupt context and one thread frees whole ids
 * now and then. Every variable holds its own <object, id>: a reader that
 * finds anything else, or a constructor/destructor count that disagrees
 * with what lkhp.ko still holds, is an error. Loading the module runs the
 * stress for run_ms and prints "shadow-stress: N errors, M operations";
 * unloading frees what is left.
 */
#include <linux/delay.h>
#include <linux/kthread.h>
#include <linux/module.h>
#include <linux/random.h>
#include <linux/timer.h>
#include <lkhp/shadow.h>

#define NR_OBJS		16
#define NR_IDS		3

static unsigned int run_ms = 1000;
module_param(run_ms, uint, 0444);

struct stress_data {
	void		*obj;
	unsigned long	id;
};

static char objs[NR_OBJS];
static atomic_t errors, ops, live;
static struct timer_list reader;
static bool stop;	/* the timer's */

static int stress_ctor(void *obj, void *shadow_data, void *ctor_data)
{
	struct stress_data *d = shadow_data;

	d->obj = obj;
	d->id = (unsigned long)ctor_data;
	atomic_inc(&live);
	return 0;
}

static void stress_dtor(void *obj, void *shadow_data)
{
	struct stress_data *d = shadow_data;

	if (d->obj != obj)
		atomic_inc(&errors);
	atomic_dec(&live);
}

static void stress_check(void *obj, unsigned long id, struct stress_data *d)
{
	if (d && (d->obj != obj || d->id != id))
		atomic_inc(&errors);
}

static void stress_one(void)
{
	u32 r = get_random_u32();
	void *obj = &objs[r % NR_OBJS];
	unsigned long id = 1 + (r >> 8) % NR_IDS;
	struct stress_data *d;

	switch ((r >> 16) % 4) {
	case 0:
		/* attaching a pair that exists is refused with a warning */
		if (lkhp_shadow_get(obj, id))
			break;
		d = lkhp_shadow_alloc(obj, id, sizeof(*d), GFP_KERNEL,
				      stress_ctor, (void *)id);
		stress_check(obj, id, d);
		break;
	case 1:
		d = lkhp_shadow_get_or_alloc(obj, id, sizeof(*d), GFP_ATOMIC,
					     stress_ctor, (void *)id);
		if (!d)
			atomic_inc(&errors);	/* GFP_ATOMIC of 8 bytes */
		stress_check(obj, id, d);
		break;
	case 2:
		stress_check(obj, id, lkhp_shadow_get(obj, id));
		break;
	default:
		lkhp_shadow_free(obj, id, stress_dtor);
	}
	atomic_inc(&ops);
}

static int stress_thread(void *arg)
{
	unsigned int n = 0;

	while (!kthread_should_stop()) {
		if (arg && ++n % 512 == 0)
			lkhp_shadow_free_all(1 + n / 512 % NR_IDS, stress_dtor);
		else
			stress_one();
		cond_resched();
	}
	return 0;
}

static void reader_fn(struct timer_list *t)
{
	unsigned int i;

	for (i = 0; i < NR_OBJS; i++)
		stress_check(&objs[i], 1, lkhp_shadow_get(&objs[i], 1));
	if (!READ_ONCE(stop))
		mod_timer(&reader, jiffies + 1);
}

static int __init shadow_stress_init(void)
{
	struct task_struct *threads[NR_CPUS] = { };
	unsigned int cpu, i, nr = 0;

	timer_setup(&reader, reader_fn, 0);
	mod_timer(&reader, jiffies + 1);
	for_each_online_cpu(cpu) {
		/* the first thread also frees whole ids */
		threads[nr] = kthread_run_on_cpu(stress_thread,
						 nr ? NULL : THIS_MODULE, cpu,
						 "shadow-stress/%u");
		if (IS_ERR(threads[nr]))
			break;
		nr++;
	}
	msleep(run_ms);
	for (i = 0; i < nr; i++)
		kthread_stop(threads[i]);
	WRITE_ONCE(stop, true);
	del_timer_sync(&reader);
	pr_info("shadow-stress: %d errors, %d operations, %d variables live\n",
		atomic_read(&errors), atomic_read(&ops), atomic_read(&live));
	return 0;
}

static void __exit shadow_stress_exit(void)
{
	unsigned long id;

	for (id = 1; id <= NR_IDS; id++)
		lkhp_shadow_free_all(id, stress_dtor);
	pr_info("shadow-stress: unloaded, %d errors, %d variables live\n",
		atomic_read(&errors), atomic_read(&live));
}

module_init(shadow_stress_init);
module_exit(shadow_stress_exit);
MODULE_LICENSE("GPL");
