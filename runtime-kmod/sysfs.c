// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/lkhp/
 *   version              lkhp.ko version, ABI and uapi versions
 *   empty_stop_ns        (0400) runs an empty stop_machine(), prints its ns
 *   <patch>/id           patch id
 *   <patch>/enabled      0/1; write 1/0 to enable/disable (root)
 *   <patch>/state        disabled, enabled or removing
 *   <patch>/module       the patch's kernel module
 *   <patch>/stop_ns      stop_machine() duration of the last switch
 *   <patch>/functions    one line per function: name object orig new active
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/sysfs.h>
#include "internal.h"

static struct kobject *lkhp_kobj;

static const char * const lkhp_state_names[] = {
	[LKHP_STATE_DISABLED] = "disabled",
	[LKHP_STATE_ENABLED] = "enabled",
	[LKHP_STATE_REMOVING] = "removing",
};

#define to_entry(k) container_of(k, struct lkhp_entry, kobj)

/* Take lkhp_mutex if @e is still registered. */
static int lkhp_entry_lock(struct lkhp_entry *e)
{
	mutex_lock(&lkhp_mutex);
	if (list_empty(&e->node)) {
		mutex_unlock(&lkhp_mutex);
		return -ENODEV;
	}
	return 0;
}

static ssize_t lkhp_entry_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf);

static ssize_t enabled_store(struct kobject *kobj, struct kobj_attribute *attr,
			     const char *buf, size_t count)
{
	struct lkhp_entry *e = to_entry(kobj);
	bool on;
	int ret;

	ret = kstrtobool(buf, &on);
	if (ret)
		return ret;
	ret = lkhp_entry_lock(e);
	if (ret)
		return ret;
	ret = on ? lkhp_enable(e) : lkhp_disable(e);
	mutex_unlock(&lkhp_mutex);
	return ret ?: count;
}

static struct kobj_attribute lkhp_attr_id = __ATTR(id, 0444, lkhp_entry_show, NULL);
static struct kobj_attribute lkhp_attr_enabled =
	__ATTR(enabled, 0644, lkhp_entry_show, enabled_store);
static struct kobj_attribute lkhp_attr_state = __ATTR(state, 0444, lkhp_entry_show, NULL);
static struct kobj_attribute lkhp_attr_module = __ATTR(module, 0444, lkhp_entry_show, NULL);
static struct kobj_attribute lkhp_attr_stop_ns = __ATTR(stop_ns, 0444, lkhp_entry_show, NULL);
static struct kobj_attribute lkhp_attr_functions =
	__ATTR(functions, 0444, lkhp_entry_show, NULL);

static ssize_t lkhp_functions_show(const struct lkhp_entry *e, char *buf)
{
	const struct lkhp_func *f;
	unsigned int i;
	int len = 0;

	for (i = 0; i < e->nr_funcs; i++) {
		f = &e->funcs[i];
		len += sysfs_emit_at(buf, len, "%s %s %#lx %#lx %d\n",
				     f->desc->old_name,
				     lkhp_objname(f->desc->objname),
				     f->site->func_addr, f->new_addr,
				     f->site->active == f);
	}
	return len;
}

static ssize_t lkhp_entry_show(struct kobject *kobj,
			       struct kobj_attribute *attr, char *buf)
{
	struct lkhp_entry *e = to_entry(kobj);
	ssize_t ret;

	ret = lkhp_entry_lock(e);
	if (ret)
		return ret;
	if (attr == &lkhp_attr_id)
		ret = sysfs_emit(buf, "%u\n", e->id);
	else if (attr == &lkhp_attr_enabled)
		ret = sysfs_emit(buf, "%d\n", e->state == LKHP_STATE_ENABLED);
	else if (attr == &lkhp_attr_state)
		ret = sysfs_emit(buf, "%s\n", lkhp_state_names[e->state]);
	else if (attr == &lkhp_attr_module)
		ret = sysfs_emit(buf, "%s\n", e->desc->mod->name);
	else if (attr == &lkhp_attr_stop_ns)
		ret = sysfs_emit(buf, "%llu\n", e->stop_ns);
	else
		ret = lkhp_functions_show(e, buf);
	mutex_unlock(&lkhp_mutex);
	return ret;
}

static struct attribute *lkhp_entry_attrs[] = {
	&lkhp_attr_id.attr,
	&lkhp_attr_enabled.attr,
	&lkhp_attr_state.attr,
	&lkhp_attr_module.attr,
	&lkhp_attr_stop_ns.attr,
	&lkhp_attr_functions.attr,
	NULL,
};
ATTRIBUTE_GROUPS(lkhp_entry);

static void lkhp_kobj_release(struct kobject *kobj)
{
	lkhp_entry_release(to_entry(kobj));
}

static struct kobj_type lkhp_entry_ktype = {
	.release = lkhp_kobj_release,
	.sysfs_ops = &kobj_sysfs_ops,
	.default_groups = lkhp_entry_groups,
};

/* From here on @e is freed by lkhp_sysfs_del(), even if this fails. */
int lkhp_sysfs_add(struct lkhp_entry *e)
{
	return kobject_init_and_add(&e->kobj, &lkhp_entry_ktype, lkhp_kobj,
				    "%s", e->desc->name);
}

void lkhp_sysfs_del(struct lkhp_entry *e)
{
	kobject_put(&e->kobj);
}

static ssize_t version_show(struct kobject *kobj, struct kobj_attribute *attr,
			    char *buf)
{
	return sysfs_emit(buf, "%s abi %u uapi %u\n", LKHP_VERSION,
			  LKHP_ABI_VERSION, LKHP_UAPI_VERSION);
}

static ssize_t empty_stop_ns_show(struct kobject *kobj,
				  struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%llu\n", lkhp_empty_stop_ns());
}

static struct kobj_attribute lkhp_attr_version = __ATTR_RO(version);
static struct kobj_attribute lkhp_attr_empty_stop_ns = __ATTR_RO_MODE(empty_stop_ns, 0400);

static struct attribute *lkhp_top_attrs[] = {
	&lkhp_attr_version.attr,
	&lkhp_attr_empty_stop_ns.attr,
	NULL,
};

static const struct attribute_group lkhp_top_group = {
	.attrs = lkhp_top_attrs,
};

int lkhp_sysfs_init(void)
{
	int ret;

	lkhp_kobj = kobject_create_and_add("lkhp", kernel_kobj);
	if (!lkhp_kobj)
		return -ENOMEM;
	ret = sysfs_create_group(lkhp_kobj, &lkhp_top_group);
	if (ret)
		goto err_put;
	return 0;

err_put:
	kobject_put(lkhp_kobj);
	return ret;
}

void lkhp_sysfs_exit(void)
{
	sysfs_remove_group(lkhp_kobj, &lkhp_top_group);
	kobject_put(lkhp_kobj);
}
