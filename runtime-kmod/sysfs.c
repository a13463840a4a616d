// SPDX-License-Identifier: GPL-2.0
/*
 * /sys/kernel/lkhp/
 *   version              lkhp.ko version, ABI and uapi versions
 *   <patch>/id           patch id
 *   <patch>/enabled      0/1 (1: its redirects are in place, also when
 *                        broken); write 1/0 to enable/disable (root)
 *   <patch>/state        disabled, enabled, removing or broken
 *   <patch>/module       the patch's kernel module
 *   <patch>/stop_ns      stop_machine() duration of the last switch
 *   <patch>/switch_ns    the last switch's whole duration: its attempts, and
 *                        moving tasks out of the functions first
 *   <patch>/moved        tasks the last switch moved out of the functions
 *   <patch>/functions    one line per function: name object orig new active
 *                        (orig 0: its module is not loaded)
 *   <patch>/objects      one line per object: name loaded|waiting functions
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
	[LKHP_STATE_BROKEN] = "broken",
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

/* Show an attribute of @kobj's patch, while it is registered. */
static ssize_t lkhp_entry_show(struct kobject *kobj, char *buf,
			       ssize_t (*show)(const struct lkhp_entry *e, char *buf))
{
	struct lkhp_entry *e = to_entry(kobj);
	ssize_t ret;

	ret = lkhp_entry_lock(e);
	if (ret)
		return ret;
	ret = show(e, buf);
	mutex_unlock(&lkhp_mutex);
	return ret;
}

/* NAME_show() for sysfs, from lkhp_NAME(e, buf) run under lkhp_mutex. */
#define LKHP_ENTRY_ATTR_SHOW(name)					\
static ssize_t name##_show(struct kobject *kobj,			\
			   struct kobj_attribute *attr, char *buf)	\
{									\
	return lkhp_entry_show(kobj, buf, lkhp_##name);			\
}

static ssize_t lkhp_id(const struct lkhp_entry *e, char *buf)
{
	return sysfs_emit(buf, "%u\n", e->id);
}

static ssize_t lkhp_enabled(const struct lkhp_entry *e, char *buf)
{
	return sysfs_emit(buf, "%d\n", lkhp_on_sites(e));
}

static ssize_t lkhp_state(const struct lkhp_entry *e, char *buf)
{
	return sysfs_emit(buf, "%s\n", lkhp_state_names[e->state]);
}

static ssize_t lkhp_module(const struct lkhp_entry *e, char *buf)
{
	return sysfs_emit(buf, "%s\n", e->module);
}

static ssize_t lkhp_stop_ns(const struct lkhp_entry *e, char *buf)
{
	return sysfs_emit(buf, "%llu\n", e->last.stop_ns);
}

static ssize_t lkhp_switch_ns(const struct lkhp_entry *e, char *buf)
{
	return sysfs_emit(buf, "%llu\n", e->last.switch_ns);
}

static ssize_t lkhp_moved(const struct lkhp_entry *e, char *buf)
{
	return sysfs_emit(buf, "%u\n", e->last.moved);
}

static ssize_t lkhp_functions(const struct lkhp_entry *e, char *buf)
{
	const struct lkhp_func *f;
	unsigned int i;
	int len = 0;

	for (i = 0; i < e->nr_funcs; i++) {
		f = &e->funcs[i];
		len += sysfs_emit_at(buf, len, "%s %s %#lx %#lx %d\n",
				     f->name, lkhp_object_name(f->obj),
				     f->site ? f->site->func_addr : 0, f->new_addr,
				     f->site && f->site->active == f);
	}
	return len;
}

static ssize_t lkhp_objects(const struct lkhp_entry *e, char *buf)
{
	const struct lkhp_obj *o;
	unsigned int i;
	int len = 0;

	for (i = 0; i < e->nr_objs; i++) {
		o = &e->objs[i];
		len += sysfs_emit_at(buf, len, "%s %s %u\n",
				     lkhp_object_name(o),
				     o->loaded ? "loaded" : "waiting",
				     o->nr_funcs);
	}
	return len;
}

LKHP_ENTRY_ATTR_SHOW(id)
LKHP_ENTRY_ATTR_SHOW(enabled)
LKHP_ENTRY_ATTR_SHOW(state)
LKHP_ENTRY_ATTR_SHOW(module)
LKHP_ENTRY_ATTR_SHOW(stop_ns)
LKHP_ENTRY_ATTR_SHOW(switch_ns)
LKHP_ENTRY_ATTR_SHOW(moved)
LKHP_ENTRY_ATTR_SHOW(functions)
LKHP_ENTRY_ATTR_SHOW(objects)

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

static struct kobj_attribute lkhp_attr_id = __ATTR_RO(id);
static struct kobj_attribute lkhp_attr_enabled = __ATTR_RW(enabled);
static struct kobj_attribute lkhp_attr_state = __ATTR_RO(state);
static struct kobj_attribute lkhp_attr_module = __ATTR_RO(module);
static struct kobj_attribute lkhp_attr_stop_ns = __ATTR_RO(stop_ns);
static struct kobj_attribute lkhp_attr_switch_ns = __ATTR_RO(switch_ns);
static struct kobj_attribute lkhp_attr_moved = __ATTR_RO(moved);
static struct kobj_attribute lkhp_attr_functions = __ATTR_RO(functions);
static struct kobj_attribute lkhp_attr_objects = __ATTR_RO(objects);

static struct attribute *lkhp_entry_attrs[] = {
	&lkhp_attr_id.attr,
	&lkhp_attr_enabled.attr,
	&lkhp_attr_state.attr,
	&lkhp_attr_module.attr,
	&lkhp_attr_stop_ns.attr,
	&lkhp_attr_switch_ns.attr,
	&lkhp_attr_moved.attr,
	&lkhp_attr_functions.attr,
	&lkhp_attr_objects.attr,
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
				    "%s", e->name);
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

static struct kobj_attribute lkhp_attr_version = __ATTR_RO(version);

static ssize_t shadow_variables_show(struct kobject *kobj,
				     struct kobj_attribute *attr, char *buf)
{
	return sysfs_emit(buf, "%lu\n", lkhp_shadow_count());
}

static struct kobj_attribute lkhp_attr_shadow_variables =
	__ATTR_RO(shadow_variables);

static struct attribute *lkhp_top_attrs[] = {
	&lkhp_attr_version.attr,
	&lkhp_attr_shadow_variables.attr,
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
