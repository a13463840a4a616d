// SPDX-License-Identifier: GPL-2.0
/*
 * /dev/lkhp: a misc device (mode 0600) whose ioctls read the patch table and
 * enable, disable or remove patches. Every ioctl checks CAP_SYS_MODULE, the
 * struct size encoded in the command and the request's ABI version.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/capability.h>
#include <linux/fs.h>
#include <linux/miscdevice.h>
#include <linux/slab.h>
#include <linux/uaccess.h>
#include "internal.h"

/* Requests are small: one buffer on the stack fits them all. */
union lkhp_req {
	struct lkhp_get_info	info;
	struct lkhp_id_req	id;
	struct lkhp_count	count;
	struct lkhp_get_all	all;
	struct lkhp_last_error	last;
};

/* When the request is copied back to the caller. */
enum lkhp_copy_out { LKHP_OUT_NEVER, LKHP_OUT_ON_SUCCESS, LKHP_OUT_ALWAYS };

struct lkhp_ioctl {
	unsigned int		cmd;
	int			(*fn)(union lkhp_req *req);
	enum lkhp_copy_out	copy_out;
};

static struct lkhp_entry *lkhp_req_entry(u32 id)
{
	struct lkhp_entry *e = lkhp_find(id);

	if (!e)
		pr_debug("no patch with id %u\n", id);
	return e;
}

static int lkhp_ioc_get_info(union lkhp_req *req)
{
	struct lkhp_get_info *gi = &req->info;
	struct lkhp_func_info *fi;
	struct lkhp_entry *e;
	unsigned int i, n;
	int ret = 0;

	fi = kmalloc(sizeof(*fi), GFP_KERNEL);
	if (!fi)
		return -ENOMEM;
	mutex_lock(&lkhp_mutex);
	e = lkhp_req_entry(gi->id);
	if (!e) {
		ret = -ENOENT;
		goto out;
	}
	lkhp_fill_info(e, &gi->info);
	n = gi->funcs ? min(gi->nr_funcs, e->nr_funcs) : 0;
	for (i = 0; i < n; i++) {
		lkhp_fill_func_info(&e->funcs[i], fi);
		if (copy_to_user(u64_to_user_ptr(gi->funcs) + i * sizeof(*fi),
				 fi, sizeof(*fi))) {
			ret = -EFAULT;
			goto out;
		}
	}
	gi->nr_funcs = n;
out:
	mutex_unlock(&lkhp_mutex);
	kfree(fi);
	return ret;
}

static int lkhp_ioc_get_all(union lkhp_req *req)
{
	struct lkhp_get_all *ga = &req->all;
	struct lkhp_patch_info info;
	struct lkhp_entry *e;
	unsigned int i = 0;
	int ret = 0;

	mutex_lock(&lkhp_mutex);
	list_for_each_entry(e, &lkhp_patches, node) {
		if (i >= ga->count)
			break;
		lkhp_fill_info(e, &info);
		if (copy_to_user(u64_to_user_ptr(ga->patches) + i * sizeof(info),
				 &info, sizeof(info))) {
			ret = -EFAULT;
			break;
		}
		i++;
	}
	ga->count = lkhp_count();
	mutex_unlock(&lkhp_mutex);
	return ret;
}

static int lkhp_ioc_count(union lkhp_req *req)
{
	mutex_lock(&lkhp_mutex);
	req->count.count = lkhp_count();
	mutex_unlock(&lkhp_mutex);
	return 0;
}

/* Run @op on the patch req->id names; req->id.reason says why it failed. */
static int lkhp_ioc_op(union lkhp_req *req, int (*op)(struct lkhp_entry *e))
{
	struct lkhp_entry *e;
	int ret;

	mutex_lock(&lkhp_mutex);
	lkhp_reason_take(NULL);
	e = lkhp_req_entry(req->id.id);
	ret = e ? op(e) : -ENOENT;
	lkhp_reason_take(req->id.reason);
	mutex_unlock(&lkhp_mutex);
	return ret;
}

static int lkhp_ioc_enable(union lkhp_req *req)
{
	return lkhp_ioc_op(req, lkhp_enable);
}

static int lkhp_ioc_disable(union lkhp_req *req)
{
	return lkhp_ioc_op(req, lkhp_disable);
}

static int lkhp_ioc_remove(union lkhp_req *req)
{
	return lkhp_ioc_op(req, lkhp_remove);
}

static int lkhp_ioc_last_error(union lkhp_req *req)
{
	lkhp_reason_last(&req->last);
	return 0;
}

static const struct lkhp_ioctl lkhp_ioctls[] = {
	{ LKHP_IOC_GET_INFO,	lkhp_ioc_get_info,	LKHP_OUT_ON_SUCCESS },
	{ LKHP_IOC_REMOVE,	lkhp_ioc_remove,	LKHP_OUT_ALWAYS },
	{ LKHP_IOC_ENABLE,	lkhp_ioc_enable,	LKHP_OUT_ALWAYS },
	{ LKHP_IOC_DISABLE,	lkhp_ioc_disable,	LKHP_OUT_ALWAYS },
	{ LKHP_IOC_COUNT,	lkhp_ioc_count,		LKHP_OUT_ON_SUCCESS },
	{ LKHP_IOC_GET_ALL,	lkhp_ioc_get_all,	LKHP_OUT_ON_SUCCESS },
	{ LKHP_IOC_LAST_ERROR,	lkhp_ioc_last_error,	LKHP_OUT_ON_SUCCESS },
};

static long lkhp_dev_ioctl(struct file *file, unsigned int cmd,
			   unsigned long arg)
{
	const struct lkhp_ioctl *ioc = NULL;
	void __user *uarg = (void __user *)arg;
	union lkhp_req req;
	unsigned int i, size = _IOC_SIZE(cmd);
	int ret;

	if (!capable(CAP_SYS_MODULE))
		return -EPERM;
	for (i = 0; i < ARRAY_SIZE(lkhp_ioctls); i++) {
		if (_IOC_TYPE(cmd) == LKHP_IOC_MAGIC &&
		    _IOC_NR(cmd) == _IOC_NR(lkhp_ioctls[i].cmd))
			ioc = &lkhp_ioctls[i];
	}
	if (!ioc)
		return -ENOTTY;
	/* Right command, other struct layout: a caller built for another ABI. */
	if (cmd != ioc->cmd)
		return -EINVAL;
	if (copy_from_user(&req, uarg, size))
		return -EFAULT;
	/* Every request starts with the ABI version. */
	if (req.id.version != LKHP_UAPI_VERSION)
		return -EINVAL;
	ret = ioc->fn(&req);
	if ((ioc->copy_out == LKHP_OUT_ALWAYS ||
	     (!ret && ioc->copy_out == LKHP_OUT_ON_SUCCESS)) &&
	    copy_to_user(uarg, &req, size) && !ret)
		ret = -EFAULT;
	return ret;
}

static struct miscdevice lkhp_miscdev = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "lkhp",
	.mode = 0600,
	.fops = &(const struct file_operations) {
		.owner = THIS_MODULE,
		.unlocked_ioctl = lkhp_dev_ioctl,
		.compat_ioctl = compat_ptr_ioctl,
	},
};

int lkhp_chardev_init(void)
{
	BUILD_BUG_ON(sizeof(struct lkhp_func_info) != LKHP_FUNC_INFO_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_patch_info) != LKHP_PATCH_INFO_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_get_info) != LKHP_GET_INFO_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_id_req) != LKHP_ID_REQ_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_count) != LKHP_COUNT_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_get_all) != LKHP_GET_ALL_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_last_error) != LKHP_LAST_ERROR_SIZE);
	BUILD_BUG_ON(offsetof(struct lkhp_get_info, version) != 0 ||
		     offsetof(struct lkhp_count, version) != 0 ||
		     offsetof(struct lkhp_get_all, version) != 0 ||
		     offsetof(struct lkhp_last_error, version) != 0);
	return misc_register(&lkhp_miscdev);
}

void lkhp_chardev_exit(void)
{
	misc_deregister(&lkhp_miscdev);
}
