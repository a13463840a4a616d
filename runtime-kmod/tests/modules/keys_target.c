// SPDX-License-Identifier: GPL-2.0
/*
 * A target module with a static key of its own, keys_target_key, which its
 * parameter "key" (0/1) switches: lkhp-keys.ko's code branches on it. Its
 * own code branches on it too (reading the parameter), so the kernel sets
 * the key's entries when the module loads: a link of the patch's branch
 * made before that would be lost.
 */
#include <linux/jump_label.h>
#include <linux/module.h>

DEFINE_STATIC_KEY_FALSE(keys_target_key);

static int keys_target_set(const char *val, const struct kernel_param *kp)
{
	bool on;
	int ret = kstrtobool(val, &on);

	if (ret)
		return ret;
	if (on)
		static_branch_enable(&keys_target_key);
	else
		static_branch_disable(&keys_target_key);
	return 0;
}

static int keys_target_get(char *buf, const struct kernel_param *kp)
{
	return sprintf(buf, "%d\n",
		       static_branch_unlikely(&keys_target_key) ? 1 : 0);
}

static const struct kernel_param_ops keys_target_ops = {
	.set = keys_target_set,
	.get = keys_target_get,
};
module_param_cb(key, &keys_target_ops, NULL, 0644);
MODULE_PARM_DESC(key, "keys_target_key: 1 enabled, 0 disabled");

static int __init keys_target_init(void)
{
	return 0;
}

static void __exit keys_target_exit(void)
{
}

module_init(keys_target_init);
module_exit(keys_target_exit);
MODULE_LICENSE("GPL");
