// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper, independent of lkhp.ko: read kernel memory (text) bytes.
 *   echo ADDR LEN > /sys/module/kpeek/parameters/peek
 *   cat /sys/module/kpeek/parameters/peek    -> "xx xx ..." (hex bytes)
 */
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/uaccess.h>

#define KPEEK_MAX 64

static unsigned long peek_addr;
static unsigned int peek_len;

static int kpeek_set(const char *val, const struct kernel_param *kp)
{
	if (sscanf(val, "%lx %u", &peek_addr, &peek_len) != 2 ||
	    !peek_len || peek_len > KPEEK_MAX)
		return -EINVAL;
	return 0;
}

static int kpeek_get(char *buf, const struct kernel_param *kp)
{
	u8 bytes[KPEEK_MAX];
	unsigned int i;
	int len = 0;

	if (!peek_len)
		return -EINVAL;
	if (copy_from_kernel_nofault(bytes, (void *)peek_addr, peek_len))
		return -EFAULT;
	for (i = 0; i < peek_len; i++)
		len += scnprintf(buf + len, PAGE_SIZE - len, "%s%02x",
				 i ? " " : "", bytes[i]);
	len += scnprintf(buf + len, PAGE_SIZE - len, "\n");
	return len;
}

static const struct kernel_param_ops kpeek_ops = {
	.set = kpeek_set,
	.get = kpeek_get,
};
module_param_cb(peek, &kpeek_ops, NULL, 0600);

MODULE_LICENSE("GPL");
