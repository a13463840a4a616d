// SPDX-License-Identifier: GPL-2.0
/*
 * lkhp.ko: module init/exit, the patch registry and its mutex, and the
 * enable/disable/replace state machine.
 *
 *   register --(resolve, verify, relocate)--> DISABLED --enable--> ENABLED
 *   ENABLED --disable--> DISABLED --remove--> REMOVING --unregister--> gone
 *
 * Each site (an original function) runs the newest enabled patch's version
 * of it, or the original when no enabled patch replaces it. A switch
 * computes, for every site, the version that must run after the change and
 * rewrites the sites where that differs, all in one stop_machine(): every
 * patch switches atomically, or not at all.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/delay.h>
#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include "internal.h"

DEFINE_MUTEX(lkhp_mutex);
LIST_HEAD(lkhp_patches);
LIST_HEAD(lkhp_sites);
static u32 lkhp_next_id = 1;
static u64 lkhp_seq;		/* enable order */

/* A change to apply: enable (maybe replacing all others) or disable. */
struct lkhp_change {
	struct lkhp_entry	*patch;
	bool			enable;
	bool			replace;
	u64			seq;
	const char		*what;
};

struct lkhp_entry *lkhp_find(u32 id)
{
	struct lkhp_entry *e;

	lockdep_assert_held(&lkhp_mutex);
	list_for_each_entry(e, &lkhp_patches, node) {
		if (e->id == id)
			return e;
	}
	return NULL;
}

unsigned int lkhp_count(void)
{
	struct lkhp_entry *e;
	unsigned int n = 0;

	lockdep_assert_held(&lkhp_mutex);
	list_for_each_entry(e, &lkhp_patches, node)
		n++;
	return n;
}

/* Is @e enabled once @c is applied; with which enable order. */
static bool lkhp_enabled_after(const struct lkhp_entry *e,
			       const struct lkhp_change *c, u64 *seq)
{
	if (e == c->patch) {
		*seq = c->seq;
		return c->enable;
	}
	*seq = e->enable_seq;
	if (c->enable && c->replace)
		return false;
	return e->state == LKHP_STATE_ENABLED;
}

/* The function whose version must run at @s once @c is applied. */
static struct lkhp_func *lkhp_site_target(const struct lkhp_site *s,
					  const struct lkhp_change *c)
{
	struct lkhp_func *f, *top = NULL;
	u64 seq, best = 0;

	list_for_each_entry(f, &s->funcs, site_node) {
		if (lkhp_enabled_after(f->patch, c, &seq) && (!top || seq > best)) {
			top = f;
			best = seq;
		}
	}
	return top;
}

static void lkhp_switch_free(struct lkhp_switch *sw)
{
	unsigned int i;

	for (i = 0; i < sw->nr; i++)
		lkhp_write_unmap(&sw->writes[i]);
	kfree(sw->writes);
	kfree(sw->ranges);
}

/* Describe the site rewrites @c needs, and map them writable. */
static int lkhp_switch_prepare(struct lkhp_switch *sw,
			       const struct lkhp_change *c)
{
	struct lkhp_site *s;
	struct lkhp_write *w;
	struct lkhp_range *r;
	unsigned int n = 0;
	int ret;

	list_for_each_entry(s, &lkhp_sites, node)
		n += lkhp_site_target(s, c) != s->active;
	if (!n)
		return 0;
	sw->writes = kcalloc(n, sizeof(*sw->writes), GFP_KERNEL);
	sw->ranges = kcalloc(n, sizeof(*sw->ranges), GFP_KERNEL);
	if (!sw->writes || !sw->ranges)
		return -ENOMEM;
	list_for_each_entry(s, &lkhp_sites, node) {
		struct lkhp_func *to = lkhp_site_target(s, c);

		if (to == s->active)
			continue;
		w = &sw->writes[sw->nr];
		r = &sw->ranges[sw->nr];
		sw->nr++;
		w->site = s;
		w->to = to;
		memcpy(w->old, s->active ? s->active->patch_ins : s->orig_ins,
		       LKHP_INS_LEN);
		memcpy(w->new, to ? to->patch_ins : s->orig_ins, LKHP_INS_LEN);
		r->name = s->name;
		if (s->active) {
			/* The version leaving, entry included: its module may go. */
			r->start = s->active->new_addr;
			r->end = r->start + s->active->new_size;
		} else {
			/* Entry excluded: a resume there takes the redirect. */
			r->start = s->func_addr + 1;
			r->end = s->func_addr + s->func_size;
		}
		ret = lkhp_write_map(w);
		if (ret)
			return ret;
	}
	return 0;
}

static int lkhp_switch(struct lkhp_entry *e, struct lkhp_change *c)
{
	/* on the heap: with its page filter it is too big for a stack frame */
	struct lkhp_switch *sw = kzalloc(sizeof(*sw), GFP_KERNEL);
	unsigned int i;
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (!sw)
		return -ENOMEM;
	ret = lkhp_switch_prepare(sw, c);
	if (ret)
		goto out;
	if (sw->nr)
		ret = lkhp_switch_run(sw);
	if (ret == -EBUSY)
		lkhp_fail("%s: %s failed: function %s in use by task %s/%d after %d tries",
			  e->desc->name, c->what, sw->busy_func, sw->busy_comm,
			  sw->busy_pid, LKHP_STOP_TRIES);
	else if (ret == -EIO)
		lkhp_fail("%s: %s failed: a patch site was rewritten behind lkhp",
			  e->desc->name, c->what);
	if (ret)
		goto out;
	for (i = 0; i < sw->nr; i++)
		sw->writes[i].site->active = sw->writes[i].to;
	e->stop_ns = sw->stop_ns;
out:
	lkhp_switch_free(sw);
	kfree(sw);
	return ret;
}

int lkhp_enable(struct lkhp_entry *e)
{
	struct lkhp_change c = {
		.patch = e,
		.enable = true,
		.replace = e->desc->flags & LKHP_PATCH_REPLACE,
		.seq = lkhp_seq + 1,
		.what = "enable",
	};
	struct lkhp_entry *o;
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (e->state == LKHP_STATE_ENABLED)
		return 0;
	/* removing is for good: the module unloads next */
	if (e->state == LKHP_STATE_REMOVING) {
		lkhp_fail("%s: enable refused: the patch is being removed",
			  e->desc->name);
		return -EINVAL;
	}
	if (!try_module_get(e->desc->mod)) {
		lkhp_fail("%s: enable refused: its module is unloading",
			  e->desc->name);
		return -ENODEV;
	}
	ret = lkhp_switch(e, &c);
	if (ret) {
		module_put(e->desc->mod);
		return ret;
	}
	e->enable_seq = ++lkhp_seq;
	e->state = LKHP_STATE_ENABLED;
	e->enable_time = ktime_get_real_seconds();
	pr_notice("%s: enabled\n", e->desc->name);
	list_for_each_entry(o, &lkhp_patches, node) {
		if (o == e || !c.replace || o->state != LKHP_STATE_ENABLED)
			continue;
		o->state = LKHP_STATE_DISABLED;
		o->disable_time = e->enable_time;
		module_put(o->desc->mod);
		pr_notice("%s: disabled: replaced by %s\n", o->desc->name,
			  e->desc->name);
	}
	return 0;
}

int lkhp_disable(struct lkhp_entry *e)
{
	struct lkhp_change c = { .patch = e, .what = "disable" };
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (e->state != LKHP_STATE_ENABLED)
		return 0;
	ret = lkhp_switch(e, &c);
	if (ret)
		return ret;
	e->state = LKHP_STATE_DISABLED;
	e->disable_time = ktime_get_real_seconds();
	module_put(e->desc->mod);
	pr_notice("%s: disabled\n", e->desc->name);
	return 0;
}

/* Disable for good: the caller unloads the module next. */
int lkhp_remove(struct lkhp_entry *e)
{
	int ret = lkhp_disable(e);

	if (ret)
		return ret;
	e->state = LKHP_STATE_REMOVING;
	pr_notice("%s: removing\n", e->desc->name);
	return 0;
}

void lkhp_fill_info(const struct lkhp_entry *e, struct lkhp_patch_info *info)
{
	memset(info, 0, sizeof(*info));
	info->id = e->id;
	info->state = e->state;
	info->flags = e->desc->flags & LKHP_PATCH_REPLACE ? LKHP_INFO_REPLACE : 0;
	info->nr_funcs = e->nr_funcs;
	info->nr_relocs = e->desc->nr_relocs;
	strscpy(info->name, e->desc->name, sizeof(info->name));
	strscpy(info->module, e->desc->mod->name, sizeof(info->module));
	info->load_time = e->load_time;
	info->enable_time = e->enable_time;
	info->disable_time = e->disable_time;
	info->stop_ns = e->stop_ns;
}

void lkhp_fill_func_info(const struct lkhp_func *f, struct lkhp_func_info *fi)
{
	const struct lkhp_site *s = f->site;

	memset(fi, 0, sizeof(*fi));
	strscpy(fi->symbol_name, f->desc->old_name, sizeof(fi->symbol_name));
	strscpy(fi->obj_file, lkhp_objname(f->desc->objname),
		sizeof(fi->obj_file));
	fi->orig_addr = s->func_addr;
	fi->hop_addr = f->new_addr;
	fi->site_addr = s->addr;
	fi->sympos = f->desc->sympos;
	fi->old_size = s->func_size;
	fi->site_offset = s->site_offset;
	fi->active = s->active == f;
	memcpy(fi->original_ins, s->orig_ins, LKHP_INS_LEN);
	memcpy(fi->patch_ins, f->patch_ins, LKHP_INS_LEN);
}

void lkhp_entry_release(struct lkhp_entry *e)
{
	kfree(e->funcs);
	kfree(e);
}

static struct lkhp_entry *lkhp_find_desc(const struct lkhp_patch *p)
{
	struct lkhp_entry *e;

	list_for_each_entry(e, &lkhp_patches, node) {
		if (e->desc == p)
			return e;
	}
	return NULL;
}

/* A registered patch of @mod, NULL if none. */
static struct lkhp_entry *lkhp_find_mod(const struct module *mod)
{
	struct lkhp_entry *e;

	list_for_each_entry(e, &lkhp_patches, node) {
		if (e->desc->mod == mod)
			return e;
	}
	return NULL;
}

static bool lkhp_name_taken(const char *name)
{
	struct lkhp_entry *e;

	list_for_each_entry(e, &lkhp_patches, node) {
		if (!strcmp(e->desc->name, name))
			return true;
	}
	return false;
}

int lkhp_register_patch(struct lkhp_patch *p)
{
	struct lkhp_entry *e;
	int ret;

	ret = lkhp_patch_check(p);
	if (ret) {
		lkhp_reason_registration(lkhp_coming_owner(p), ret);
		return ret;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e) {
		lkhp_reason_registration(lkhp_coming_owner(p), -ENOMEM);
		return -ENOMEM;
	}
	e->desc = p;
	INIT_LIST_HEAD(&e->node);
	e->funcs = kcalloc(p->nr_funcs, sizeof(*e->funcs), GFP_KERNEL);
	if (!e->funcs) {
		ret = -ENOMEM;
		goto err_free;
	}
	mutex_lock(&lkhp_mutex);
	if (lkhp_name_taken(p->name)) {
		lkhp_fail("%s: refused: a patch of that name is registered",
		       p->name);
		ret = -EEXIST;
		goto err_unlock;
	}
	ret = lkhp_patch_resolve(e);
	if (ret)
		goto err_unlock;
	e->load_time = ktime_get_real_seconds();
	e->state = LKHP_STATE_DISABLED;
	/*
	 * The directory exists before the patch is live: a patch is never
	 * enabled without it. Adding waits for no sysfs reader, so it may be
	 * done under the mutex; readers of an entry not (or no longer) on the
	 * list get -ENODEV.
	 */
	ret = lkhp_sysfs_add(e);
	if (ret) {
		lkhp_fail("%s: refused: no sysfs directory (%d)", p->name, ret);
		goto err_sysfs;
	}
	list_add_tail(&e->node, &lkhp_patches);
	ret = lkhp_enable(e);
	if (ret)
		goto err_list;
	e->id = lkhp_next_id++;
	pr_notice("%s: registered as patch %u with %u functions\n",
		  p->name, e->id, e->nr_funcs);
	mutex_unlock(&lkhp_mutex);
	return 0;

err_list:
	list_del_init(&e->node);
err_sysfs:
	lkhp_patch_release(e);
	mutex_unlock(&lkhp_mutex);
	/* Frees @e, also when the directory could not be made. */
	lkhp_sysfs_del(e);
	lkhp_reason_registration(lkhp_coming_owner(p), ret);
	return ret;
err_unlock:
	mutex_unlock(&lkhp_mutex);
err_free:
	lkhp_entry_release(e);
	lkhp_reason_registration(lkhp_coming_owner(p), ret);
	return ret;
}
EXPORT_SYMBOL_GPL(lkhp_register_patch);

/* Take @e off the table; the caller holds lkhp_mutex, @e is disabled. */
static void lkhp_unlist(struct lkhp_entry *e)
{
	lockdep_assert_held(&lkhp_mutex);
	list_del_init(&e->node);
	lkhp_patch_release(e);
	pr_notice("%s: unregistered\n", e->desc->name);
}

void lkhp_unregister_patch(struct lkhp_patch *p)
{
	struct lkhp_entry *e;

	mutex_lock(&lkhp_mutex);
	e = lkhp_find_desc(p);
	if (WARN_ON(!e)) {
		mutex_unlock(&lkhp_mutex);
		return;
	}
	/* The module reference held while enabled makes this unreachable. */
	if (WARN_ON(e->state == LKHP_STATE_ENABLED) && lkhp_disable(e))
		pr_crit("%s: unloaded while its redirects are live\n", p->name);
	lkhp_unlist(e);
	mutex_unlock(&lkhp_mutex);
	lkhp_sysfs_del(e);
}
EXPORT_SYMBOL_GPL(lkhp_unregister_patch);

/*
 * @mod is going away with a patch still registered: its init failed after
 * lkhp_register_patch() had enabled it (a hand-written module; the
 * template returns the registration's result).  Its memory is freed when
 * this returns, so the redirects must go first, however long a task stays
 * inside the functions (the module loader waits here).
 */
void lkhp_module_going(struct module *mod)
{
	struct lkhp_entry *e;
	unsigned int tries;
	int ret;

	mutex_lock(&lkhp_mutex);
	/* looked up again each time: the mutex is dropped while waiting */
	while ((e = lkhp_find_mod(mod))) {
		/* a task inside, or no memory for the switch: wait, then again */
		for (tries = 1; (ret = lkhp_disable(e)) == -EBUSY || ret == -ENOMEM; tries++) {
			if (tries % 100 == 0)
				pr_warn("%s: its module is going: still waiting to disable it\n",
					e->desc->name);
			mutex_unlock(&lkhp_mutex);
			msleep(LKHP_RETRY_MS);
			mutex_lock(&lkhp_mutex);
		}
		if (ret)
			pr_crit("%s: its module is freed while its redirects are live (%d)\n",
				e->desc->name, ret);
		lkhp_fail("%s: its module went away while registered: disabled and unregistered",
			  e->desc->name);
		lkhp_unlist(e);
		mutex_unlock(&lkhp_mutex);
		lkhp_sysfs_del(e);
		mutex_lock(&lkhp_mutex);
	}
	mutex_unlock(&lkhp_mutex);
}

static int __init lkhp_init(void)
{
	int ret;

	BUILD_BUG_ON(sizeof(struct lkhp_patch) != LKHP_PATCH_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_patch_func) != LKHP_PATCH_FUNC_SIZE);
	BUILD_BUG_ON(sizeof(struct lkhp_patch_reloc) != LKHP_PATCH_RELOC_SIZE);
	ret = lkhp_modules_init();
	if (ret)
		return ret;
	ret = lkhp_sysfs_init();
	if (ret)
		goto err_modules;
	ret = lkhp_chardev_init();
	if (ret)
		goto err_sysfs;
	pr_notice("loaded, version %s, ABI %u, uapi %u\n", LKHP_VERSION,
		  LKHP_ABI_VERSION, LKHP_UAPI_VERSION);
	return 0;

err_sysfs:
	lkhp_sysfs_exit();
err_modules:
	lkhp_modules_exit();
	return ret;
}

/* Patch modules link against lkhp.ko: none is left when this runs. */
static void __exit lkhp_exit(void)
{
	lkhp_chardev_exit();
	lkhp_sysfs_exit();
	lkhp_modules_exit();
	WARN_ON(!list_empty(&lkhp_patches) || !list_empty(&lkhp_sites));
	pr_notice("unloaded\n");
}

module_init(lkhp_init);
module_exit(lkhp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LKHP: live kernel hot-patcher for i386");
MODULE_VERSION(LKHP_VERSION);
