// SPDX-License-Identifier: GPL-2.0
/*
 * lkhp.ko: module init/exit, the patch registry and its mutex, and the
 * enable/disable/replace state machine.
 *
 *   register --(resolve, verify, relocate)--> DISABLED --enable--> ENABLED
 *   ENABLED --disable--> DISABLED --remove--> REMOVING --unregister--> gone
 *   ENABLED --unregister, the disable fails--> BROKEN, for good
 *
 * A patch module's init registers; the module notifier enables its patch
 * once the module is LIVE, so a failed init never has text to restore.
 *
 * Each site (an original function) runs the newest enabled patch's version
 * of it, or the original when no enabled patch replaces it. A switch
 * computes, for every site, the version that must run after the change and
 * rewrites the sites where that differs, all in one stop_machine(): every
 * patch switches atomically, or not at all.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <linux/slab.h>
#include <linux/timekeeping.h>
#include "internal.h"

DEFINE_MUTEX(lkhp_mutex);
LIST_HEAD(lkhp_patches);
LIST_HEAD(lkhp_sites);
static u32 lkhp_next_id = 1;
static u64 lkhp_seq;		/* enable order */

/*
 * A change to apply: enable @patch (maybe replacing all others), disable
 * it, or (@patch NULL) bring new sites to what the patches' states say.
 */
struct lkhp_change {
	struct lkhp_entry	*patch;
	bool			enable;
	bool			replace;
	u64			seq;
	const char		*name;	/* for messages: the patch or module */
	const char		*what;
	struct lkhp_switch_stats last;	/* out */
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

/* Do @e's functions take part in the sites: enabled, or stuck there. */
bool lkhp_on_sites(const struct lkhp_entry *e)
{
	return e->state == LKHP_STATE_ENABLED || e->state == LKHP_STATE_BROKEN;
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
	/* a broken patch keeps its sites: not even a replace takes them */
	if (c->enable && c->replace && e->state != LKHP_STATE_BROKEN)
		return false;
	return lkhp_on_sites(e);
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
		sw->nr++;
		w->site = s;
		w->to = to;
		memcpy(w->old, s->active ? s->active->patch_ins : s->orig_ins,
		       LKHP_INS_LEN);
		memcpy(w->new, to ? to->patch_ins : s->orig_ins, LKHP_INS_LEN);
		ret = lkhp_write_map(w);
		if (ret)
			return ret;
		/*
		 * LKHP_FORCE_UNSAFE: the original of a forced function is not
		 * checked. A patch's version leaving always is: its module may
		 * be unloaded next, with a task inside.
		 */
		if (!s->active && to && to->flags & LKHP_FUNC_FORCE_UNSAFE)
			continue;
		r = &sw->ranges[sw->nr_ranges++];
		r->name = s->name;
		r->obj = (to ? to : s->active)->obj->name;
		if (s->active) {
			/* The version leaving, entry included: its module may go. */
			r->start = s->active->new_addr;
			r->end = r->start + s->active->new_size;
		} else {
			/* Entry excluded: a resume there takes the redirect. */
			r->start = s->func_addr + 1;
			r->end = s->func_addr + s->func_size;
		}
	}
	return 0;
}

static int lkhp_switch(struct lkhp_change *c)
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
	if (ret == -EBUSY && sw->busy_kthread && *sw->busy_obj)
		lkhp_fail("%s: %s failed: function %s in use by task %s/%d after %d tries: a kernel thread in %s's code, which unloading %s lets go",
			  c->name, c->what, sw->busy_func, sw->busy_comm,
			  sw->busy_pid, LKHP_STOP_TRIES, sw->busy_obj,
			  sw->busy_obj);
	else if (ret == -EBUSY)
		lkhp_fail("%s: %s failed: function %s in use by task %s/%d after %d tries",
			  c->name, c->what, sw->busy_func, sw->busy_comm,
			  sw->busy_pid, LKHP_STOP_TRIES);
	else if (ret == -EIO)
		lkhp_fail("%s: %s failed: a patch site was rewritten behind lkhp",
			  c->name, c->what);
	if (ret)
		goto out;
	for (i = 0; i < sw->nr; i++)
		sw->writes[i].site->active = sw->writes[i].to;
	c->last = sw->stats;
	if (sw->stats.moved)
		pr_info("%s: %s: %u tasks moved out of the functions first\n",
			c->name, c->what, sw->stats.moved);
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
		.replace = e->flags & LKHP_PATCH_REPLACE,
		.seq = lkhp_seq + 1,
		.name = e->name,
		.what = "enable",
	};
	struct lkhp_entry *o;
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (e->state == LKHP_STATE_ENABLED)
		return 0;
	/* removing is for good (the module unloads next), and so is broken */
	if (e->state == LKHP_STATE_REMOVING || e->state == LKHP_STATE_BROKEN) {
		lkhp_fail("%s: enable refused: the patch is %s", e->name,
			  e->state == LKHP_STATE_BROKEN ? "broken" : "being removed");
		return -EINVAL;
	}
	/* its init may still fail: the notifier enables it once LIVE */
	if (READ_ONCE(e->mod->state) == MODULE_STATE_COMING) {
		lkhp_fail("%s: enable refused: its module is still loading",
			  e->name);
		return -EAGAIN;
	}
	ret = lkhp_init_refuse_enable(e);
	if (ret)
		return ret;
	if (!try_module_get(e->mod)) {
		lkhp_fail("%s: enable refused: its module is unloading",
			  e->name);
		return -ENODEV;
	}
	ret = lkhp_callbacks_pre_patch(e, NULL);
	if (!ret) {
		ret = lkhp_switch(&c);
		if (ret)
			lkhp_callbacks_run(e, NULL, LKHP_CB_POST_UNPATCH);
	}
	if (ret) {
		module_put(e->mod);
		return ret;
	}
	e->last = c.last;
	e->enable_seq = ++lkhp_seq;
	e->state = LKHP_STATE_ENABLED;
	e->replaced = false;
	e->enable_time = ktime_get_real_seconds();
	pr_notice("%s: enabled\n", e->name);
	lkhp_callbacks_run(e, NULL, LKHP_CB_POST_PATCH);
	/*
	 * The replaced patches' callbacks are not called: @e takes over the
	 * state of every other patch once enabled, also a disabled one.
	 */
	list_for_each_entry(o, &lkhp_patches, node) {
		if (o == e || !c.replace)
			continue;
		o->replaced = o->enable_seq != 0;
		if (o->state != LKHP_STATE_ENABLED)
			continue;
		o->state = LKHP_STATE_DISABLED;
		o->disable_time = e->enable_time;
		module_put(o->mod);
		pr_notice("%s: disabled: replaced by %s\n", o->name, e->name);
	}
	return 0;
}

int lkhp_disable(struct lkhp_entry *e)
{
	struct lkhp_change c = { .patch = e, .name = e->name, .what = "disable" };
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (e->state == LKHP_STATE_BROKEN) {
		lkhp_fail("%s: disable refused: the patch is broken", e->name);
		return -EINVAL;
	}
	if (e->state != LKHP_STATE_ENABLED)
		return 0;
	lkhp_callbacks_run(e, NULL, LKHP_CB_PRE_UNPATCH);
	ret = lkhp_switch(&c);
	if (ret) {
		/* still enabled: undo what the pre-unpatch callbacks did */
		lkhp_callbacks_run(e, NULL, LKHP_CB_POST_PATCH);
		return ret;
	}
	e->last = c.last;
	e->state = LKHP_STATE_DISABLED;
	e->disable_time = ktime_get_real_seconds();
	pr_notice("%s: disabled\n", e->name);
	lkhp_callbacks_run(e, NULL, LKHP_CB_POST_UNPATCH);
	module_put(e->mod);
	return 0;
}

/* Disable for good: the caller unloads the module next. */
int lkhp_remove(struct lkhp_entry *e)
{
	int ret = lkhp_init_refuse_remove(e);

	if (!ret)
		ret = lkhp_disable(e);
	if (ret)
		return ret;
	e->state = LKHP_STATE_REMOVING;
	pr_notice("%s: removing\n", e->name);
	return 0;
}

void lkhp_fill_info(const struct lkhp_entry *e, struct lkhp_patch_info *info)
{
	memset(info, 0, sizeof(*info));
	info->id = e->id;
	info->state = e->state;
	info->flags = e->flags & LKHP_PATCH_REPLACE ? LKHP_INFO_REPLACE : 0;
	info->nr_funcs = e->nr_funcs;
	info->nr_relocs = e->nr_relocs;
	strscpy(info->name, e->name, sizeof(info->name));
	strscpy(info->module, e->module, sizeof(info->module));
	info->load_time = e->load_time;
	info->enable_time = e->enable_time;
	info->disable_time = e->disable_time;
	info->stop_ns = e->last.stop_ns;
}

/* A function whose object waits has no site: its addresses read 0. */
void lkhp_fill_func_info(const struct lkhp_func *f, struct lkhp_func_info *fi)
{
	const struct lkhp_site *s = f->site;

	memset(fi, 0, sizeof(*fi));
	strscpy(fi->symbol_name, f->name, sizeof(fi->symbol_name));
	strscpy(fi->obj_file, lkhp_object_name(f->obj), sizeof(fi->obj_file));
	fi->hop_addr = f->new_addr;
	fi->sympos = f->sympos;
	if (!s)
		return;
	memcpy(fi->patch_ins, f->patch_ins, LKHP_INS_LEN);
	fi->orig_addr = s->func_addr;
	fi->site_addr = s->addr;
	fi->old_size = s->func_size;
	fi->site_offset = s->site_offset;
	fi->active = s->active == f;
	memcpy(fi->original_ins, s->orig_ins, LKHP_INS_LEN);
}

void lkhp_entry_release(struct lkhp_entry *e)
{
	unsigned int i;

	for (i = 0; e->funcs && i < e->nr_funcs; i++)
		kfree(e->funcs[i].name);
	for (i = 0; e->objs && i < e->nr_objs; i++)
		kfree(e->objs[i].jump_ins);
	kfree(e->funcs);
	kfree(e->objs);
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
		if (e->mod == mod)
			return e;
	}
	return NULL;
}

static bool lkhp_name_taken(const char *name)
{
	struct lkhp_entry *e;

	list_for_each_entry(e, &lkhp_patches, node) {
		if (!strcmp(e->name, name))
			return true;
	}
	return false;
}

/* Say which objects of @e wait for their module. */
static void lkhp_objects_notice(const struct lkhp_entry *e)
{
	unsigned int i;

	for (i = 0; i < e->nr_objs; i++) {
		if (!e->objs[i].loaded)
			pr_notice("%s: %u function(s) of module %s wait for it to load\n",
				  e->name, e->objs[i].nr_funcs, e->objs[i].name);
	}
}

/* Register @p, the patch of @mod (NULL: not a module being loaded). */
static int lkhp_register(struct module *mod, struct lkhp_patch *p)
{
	struct lkhp_entry *e;
	int ret;

	ret = lkhp_patch_check(mod, p);
	if (ret) {
		lkhp_reason_registration(mod, ret);
		return ret;
	}
	e = kzalloc(sizeof(*e), GFP_KERNEL);
	if (!e) {
		lkhp_reason_registration(p->mod, -ENOMEM);
		return -ENOMEM;
	}
	e->desc = p;
	e->mod = p->mod;
	strscpy(e->name, p->name, sizeof(e->name));
	strscpy(e->module, p->mod->name, sizeof(e->module));
	e->flags = p->flags;
	e->nr_relocs = p->nr_relocs;
	INIT_LIST_HEAD(&e->node);
	e->nr_funcs = p->nr_funcs;
	e->funcs = kcalloc(p->nr_funcs, sizeof(*e->funcs), GFP_KERNEL);
	/* one per function and callback at most, and vmlinux */
	e->objs = kcalloc(p->nr_funcs + p->nr_callbacks + 1, sizeof(*e->objs),
			  GFP_KERNEL);
	if (!e->funcs || !e->objs) {
		ret = -ENOMEM;
		goto err_free;
	}
	mutex_lock(&lkhp_mutex);
	if (lkhp_name_taken(e->name)) {
		lkhp_fail("%s: refused: a patch of that name is registered",
			  e->name);
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
		lkhp_fail("%s: refused: no sysfs directory (%d)", e->name, ret);
		goto err_sysfs;
	}
	list_add_tail(&e->node, &lkhp_patches);
	e->id = lkhp_next_id++;
	pr_notice("%s: registered as patch %u with %u functions\n",
		  e->name, e->id, e->nr_funcs);
	lkhp_objects_notice(e);
	mutex_unlock(&lkhp_mutex);
	return 0;

err_sysfs:
	lkhp_patch_release(e);
	mutex_unlock(&lkhp_mutex);
	/* Frees @e, also when the directory could not be made. */
	lkhp_sysfs_del(e);
	lkhp_reason_registration(p->mod, ret);
	return ret;
err_unlock:
	mutex_unlock(&lkhp_mutex);
err_free:
	lkhp_entry_release(e);
	lkhp_reason_registration(p->mod, ret);
	return ret;
}

/* The part of @e for module @mod, if it is resolved against @mod. */
static struct lkhp_obj *lkhp_object_find_loaded(struct lkhp_entry *e,
						   const struct module *mod)
{
	unsigned int i;

	for (i = 0; i < e->nr_objs; i++) {
		if (e->objs[i].loaded && e->objs[i].pub.mod == mod)
			return &e->objs[i];
	}
	return NULL;
}

/* The part of @e for module @mod if @e is enabled: its callbacks run. */
static struct lkhp_obj *lkhp_enabled_part(struct lkhp_entry *e,
					  const struct module *mod)
{
	return e->state == LKHP_STATE_ENABLED ?
	       lkhp_object_find_loaded(e, mod) : NULL;
}

/* The part of @e for module @mod, if it has one that waits. */
static struct lkhp_obj *lkhp_waiting_part(struct lkhp_entry *e,
					     const struct module *mod)
{
	unsigned int i;

	/* broken: its tables may be gone; removing: it goes next */
	if (e->state == LKHP_STATE_BROKEN || e->state == LKHP_STATE_REMOVING)
		return NULL;
	for (i = 0; i < e->nr_objs; i++) {
		if (!e->objs[i].loaded && !strcmp(e->objs[i].name, mod->name))
			return &e->objs[i];
	}
	return NULL;
}

/*
 * Target module @mod is coming, before its init runs: resolve the part of
 * every patch waiting for it and switch the enabled ones in, in one stop.
 * On any failure nothing of it stays resolved and its load is refused.
 */
static int lkhp_targets_coming(struct module *mod)
{
	struct lkhp_change c = {
		.name = mod->name, .what = "patching the module as it loads",
	};
	struct lkhp_entry *e, *failed = NULL;
	struct lkhp_obj *obj;
	unsigned int n = 0;
	int ret = 0;

	mutex_lock(&lkhp_mutex);
	list_for_each_entry(e, &lkhp_patches, node) {
		obj = lkhp_waiting_part(e, mod);
		if (!obj)
			continue;
		ret = lkhp_object_resolve(e, obj, mod);
		if (ret)
			goto undo;
		n++;
	}
	if (!n)
		goto out;
	list_for_each_entry(e, &lkhp_patches, node) {
		obj = lkhp_enabled_part(e, mod);
		ret = obj ? lkhp_callbacks_pre_patch(e, obj) : 0;
		if (ret) {
			failed = e;
			goto undo_callbacks;
		}
	}
	/* the new sites take the newest enabled patch's version */
	ret = lkhp_switch(&c);
	if (ret)
		goto undo_callbacks;
	list_for_each_entry(e, &lkhp_patches, node) {
		obj = lkhp_object_find_loaded(e, mod);
		if (!obj)
			continue;
		if (e->state == LKHP_STATE_ENABLED)
			e->last = c.last;
		lkhp_init_coming(e, obj);
		pr_notice("%s: module %s patched as it loads (%u function(s), %s, stop %llu ns)\n",
			  e->name, mod->name, obj->nr_funcs,
			  e->state == LKHP_STATE_ENABLED ? "enabled" : "disabled",
			  c.last.stop_ns);
		if (e->state == LKHP_STATE_ENABLED)
			lkhp_callbacks_run(e, obj, LKHP_CB_POST_PATCH);
	}
	goto out;
undo_callbacks:
	/* @failed undid its own; the patches before it get post-unpatch */
	list_for_each_entry(e, &lkhp_patches, node) {
		if (e == failed)
			break;
		obj = lkhp_enabled_part(e, mod);
		if (obj)
			lkhp_callbacks_run(e, obj, LKHP_CB_POST_UNPATCH);
	}
undo:
	list_for_each_entry(e, &lkhp_patches, node) {
		obj = lkhp_object_find_loaded(e, mod);
		if (obj)
			lkhp_object_release(e, obj);
	}
	lkhp_fail("%s: load refused: a patch for it does not apply (see above)",
		  mod->name);
out:
	mutex_unlock(&lkhp_mutex);
	return ret;
}

/*
 * Target module @mod is coming and the kernel has set its keys' own
 * entries: link the patches' static branches on its keys (their parts for
 * @mod are resolved). On failure none stays linked and its load is refused.
 */
int lkhp_module_keys(struct module *mod)
{
	struct lkhp_entry *e;
	struct lkhp_obj *obj;
	int ret = 0;

	mutex_lock(&lkhp_mutex);
	/* a patch registering from now on links its branches itself */
	lkhp_coming_keys_set(mod);
	list_for_each_entry(e, &lkhp_patches, node) {
		obj = lkhp_object_find_loaded(e, mod);
		if (!obj || !obj->jt || obj->jumps)
			continue;
		ret = lkhp_jumps_link(e, obj);
		if (ret)
			break;
	}
	if (ret) {
		list_for_each_entry(e, &lkhp_patches, node) {
			obj = lkhp_object_find_loaded(e, mod);
			if (obj)
				lkhp_jumps_unlink(obj);
		}
		lkhp_fail("%s: load refused: a patch's static branches on its keys cannot be linked (see above)",
			  mod->name);
	}
	mutex_unlock(&lkhp_mutex);
	return ret;
}

/*
 * @mod is being announced (MODULE_STATE_COMING): register the patch it
 * carries, before the notifiers after lkhp's read the sections the patch's
 * relocations reach. A failure refuses the module's load.
 */
int lkhp_module_coming(struct module *mod)
{
	struct lkhp_patch *p = lkhp_module_patch(mod);

	return p ? lkhp_register(mod, p) : lkhp_targets_coming(mod);
}

int lkhp_register_patch(struct lkhp_patch *p)
{
	bool registered;

	mutex_lock(&lkhp_mutex);
	registered = lkhp_find_desc(p);
	mutex_unlock(&lkhp_mutex);
	return registered ? 0 : lkhp_register(lkhp_coming_owner(p), p);
}
EXPORT_SYMBOL_GPL(lkhp_register_patch);

/*
 * @mod's init succeeded: forget the sites in its init text (a target), and
 * enable the patches it registered (a patch module). Enabling only
 * now leaves a failed init nothing to undo. A failure leaves the patch
 * disabled in a loaded module (the load has succeeded); its reason is kept
 * for LKHP_IOC_LAST_ERROR, where lkhp install finds it before it unloads
 * the module.
 */
void lkhp_module_live(struct module *mod)
{
	struct lkhp_entry *e;
	int ret;

	mutex_lock(&lkhp_mutex);
	lkhp_init_live(mod);
	list_for_each_entry(e, &lkhp_patches, node) {
		if (e->mod != mod)
			continue;
		lkhp_reason_take(NULL);
		ret = lkhp_enable(e);
		if (ret)
			lkhp_reason_registration(mod, ret);
	}
	mutex_unlock(&lkhp_mutex);
}

/*
 * @e could not be disabled and its module no longer answers for it: sites
 * may still run its functions, so nothing they point to may go. @e stays
 * listed for good, broken: it keeps its sites and the module reference
 * an enabled patch holds (its module cannot be unloaded), and pins lkhp.ko,
 * which keeps the sites. The caller's WARN_ON has tainted the kernel.
 */
static void lkhp_break(struct lkhp_entry *e, int err)
{
	e->state = LKHP_STATE_BROKEN;
	/* The module may free its tables now; a forced unload, its struct. */
	e->desc = NULL;
	e->mod = NULL;
	__module_get(THIS_MODULE);
	pr_crit("%s: broken: could not be disabled (%d): its redirects stay, for good\n",
		e->name, err);
}

/*
 * Take @e off the table, its module unregistering it or going away. An
 * enabled @e breaks the module ABI (the module reference an enabled patch
 * holds keeps exit and GOING away, and a patch is enabled only once its
 * module is live): it is disabled first, and kept broken if that fails.
 * Returns whether @e was taken off; the caller then lkhp_sysfs_del()s it.
 */
static bool lkhp_unlist(struct lkhp_entry *e)
{
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (WARN_ON(e->state == LKHP_STATE_ENABLED)) {
		ret = lkhp_disable(e);
		if (ret) {
			lkhp_break(e, ret);
			return false;
		}
	}
	lkhp_callbacks_remove(e);
	list_del_init(&e->node);
	lkhp_patch_release(e);
	pr_notice("%s: unregistered\n", e->name);
	return true;
}

void lkhp_unregister_patch(struct lkhp_patch *p)
{
	struct lkhp_entry *e;
	bool gone;

	mutex_lock(&lkhp_mutex);
	e = lkhp_find_desc(p);
	if (WARN_ON(!e)) {
		mutex_unlock(&lkhp_mutex);
		return;
	}
	gone = lkhp_unlist(e);
	mutex_unlock(&lkhp_mutex);
	if (gone)
		lkhp_sysfs_del(e);
}
EXPORT_SYMBOL_GPL(lkhp_unregister_patch);

/*
 * Target module @mod is going (unloaded, or its load failed after
 * COMING): its code is freed next, so its sites are forgotten without
 * writing them, and every patch's part for it waits again.
 */
static void lkhp_targets_going(struct module *mod)
{
	struct lkhp_obj *obj;
	struct lkhp_entry *e;
	unsigned int i;
	bool enabled;

	lockdep_assert_held(&lkhp_mutex);
	list_for_each_entry(e, &lkhp_patches, node) {
		obj = lkhp_object_find_loaded(e, mod);
		if (!obj)
			continue;
		enabled = e->state == LKHP_STATE_ENABLED;
		if (enabled)
			lkhp_callbacks_run(e, obj, LKHP_CB_PRE_UNPATCH);
		for (i = 0; i < e->nr_funcs; i++) {
			if (e->funcs[i].obj == obj && e->funcs[i].site)
				e->funcs[i].site->active = NULL;
		}
		if (enabled)
			lkhp_callbacks_run(e, obj, LKHP_CB_POST_UNPATCH);
		lkhp_object_release(e, obj);
		pr_notice("%s: module %s is going: its %u function(s) wait for it again\n",
			  e->name, mod->name, obj->nr_funcs);
	}
}

/*
 * @mod is going away with a patch still registered: its init failed after
 * lkhp_register_patch() (the patch was never enabled), or its exit did not
 * unregister (the patch is disabled). Its memory is freed when this
 * returns: forget the patch now.
 */
void lkhp_module_going(struct module *mod)
{
	struct lkhp_entry *e;

	mutex_lock(&lkhp_mutex);
	lkhp_targets_going(mod);
	/* a broken one is not found again: it has no module any more */
	while ((e = lkhp_find_mod(mod))) {
		pr_warn("%s: its module is going with the patch registered\n",
			e->name);
		if (!lkhp_unlist(e))
			continue;
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
	lkhp_shadow_exit();
	pr_notice("unloaded\n");
}

module_init(lkhp_init);
module_exit(lkhp_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LKHP: live kernel hot-patcher for i386");
MODULE_VERSION(LKHP_VERSION);
