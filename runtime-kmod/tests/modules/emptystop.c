// SPDX-License-Identifier: GPL-2.0
/*
 * The benchmarks' base: reading /sys/module/emptystop/parameters/ns runs an
 * empty stop_machine() over all online CPUs and prints its duration in ns.
 * A test module, so that lkhp.ko carries no benchmark hook.
 */
#include <linux/ktime.h>
#include <linux/module.h>
#include <linux/moduleparam.h>
#include <linux/stop_machine.h>

static int emptystop_fn(void *data)
{
	return 0;
}

static int emptystop_get(char *buf, const struct kernel_param *kp)
{
	u64 start = ktime_get_ns();

	stop_machine(emptystop_fn, NULL, cpu_online_mask);
	return sysfs_emit(buf, "%llu\n", ktime_get_ns() - start);
}

static const struct kernel_param_ops emptystop_ops = {
	.get = emptystop_get,
};
module_param_cb(ns, &emptystop_ops, NULL, 0400);

MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LKHP test: the duration of an empty stop_machine()");
