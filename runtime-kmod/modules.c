// SPDX-License-Identifier: GPL-2.0
/*
 * The modules being loaded (between MODULE_STATE_COMING and LIVE or GOING).
 * A patch registers from its module's init, so the module that owns its
 * tables is one of these: lkhp trusts a patch's pointers only inside that
 * module, and never follows one before it knows which module that is.
 * The same notifier registers a patch module's patch when it is COMING,
 * enables it once it is LIVE and forgets it when it is GOING (core.c). It
 * runs first of all module notifiers: the jump-label and static-call ones
 * must find the patch module's __jump_table and .static_call_sites
 * relocated. A second one runs last: it links the patches' branches on a
 * coming module's keys once the jump-label notifier has set them (jumps.c).
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/list.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <linux/string.h>
#include "internal.h"

struct lkhp_coming {
	struct list_head node;
	struct module *mod;
	bool keys_ready;	/* the kernel has set its keys' entries */
};

/* Protects lkhp_coming_mods; the notifier and lookups take it briefly. */
static DEFINE_SPINLOCK(lkhp_coming_lock);
static LIST_HEAD(lkhp_coming_mods);

static void lkhp_coming_del(struct module *mod)
{
	struct lkhp_coming *c, *tmp;

	spin_lock(&lkhp_coming_lock);
	list_for_each_entry_safe(c, tmp, &lkhp_coming_mods, node) {
		if (c->mod == mod) {
			list_del(&c->node);
			kfree(c);
		}
	}
	spin_unlock(&lkhp_coming_lock);
}

static int lkhp_module_notify(struct notifier_block *nb, unsigned long state,
			      void *data)
{
	struct module *mod = data;
	struct lkhp_coming *c;
	int ret;

	lkhp_jumps_find_notifier(nb);
	if (state == MODULE_STATE_LIVE)
		lkhp_module_live(mod);
	if (state == MODULE_STATE_GOING)
		lkhp_module_going(mod);
	if (state != MODULE_STATE_COMING) {
		lkhp_coming_del(mod);
		return NOTIFY_OK;
	}
	/*
	 * Listed first: from now on a patch registering takes the module for
	 * loaded (lkhp_loaded_module()), and lkhp_module_coming() patches it
	 * for the patches registered before. Without memory for the entry the
	 * load is refused: a target module could otherwise run unpatched.
	 */
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return notifier_from_errno(-ENOMEM);
	c->mod = mod;
	c->keys_ready = false;
	spin_lock(&lkhp_coming_lock);
	list_add(&c->node, &lkhp_coming_mods);
	spin_unlock(&lkhp_coming_lock);
	ret = lkhp_module_coming(mod);
	if (ret) {
		lkhp_coming_del(mod);
		return notifier_from_errno(ret);
	}
	return NOTIFY_OK;
}

static struct notifier_block lkhp_module_nb = {
	.notifier_call = lkhp_module_notify,
	.priority = INT_MAX,	/* before jump_label's (1) and static_call's (0) */
};

/*
 * After the jump-label notifier (1) has set the keys of a module coming:
 * the patches' branches on them can be linked (jumps.c). Its failure
 * announces the module going to the notifiers before it, lkhp's first.
 */
static int lkhp_module_late_notify(struct notifier_block *nb,
				   unsigned long state, void *data)
{
	if (state != MODULE_STATE_COMING)
		return NOTIFY_OK;
	return notifier_from_errno(lkhp_module_keys(data));
}

static struct notifier_block lkhp_module_late_nb = {
	.notifier_call = lkhp_module_late_notify,
	.priority = INT_MIN,	/* after jump_label's (1) */
};

/* Mark @mod, coming, past the jump-label notifier; lkhp_mutex held. */
void lkhp_coming_keys_set(struct module *mod)
{
	struct lkhp_coming *c;

	lockdep_assert_held(&lkhp_mutex);
	spin_lock(&lkhp_coming_lock);
	list_for_each_entry(c, &lkhp_coming_mods, node) {
		if (c->mod == mod)
			c->keys_ready = true;
	}
	spin_unlock(&lkhp_coming_lock);
}

/*
 * Has the kernel set @mod's keys' own entries: it is live, or coming and
 * past lkhp_coming_keys_set(). Called with lkhp_mutex held.
 */
bool lkhp_module_keys_ready(struct module *mod)
{
	struct lkhp_coming *c;
	bool ready = false;

	lockdep_assert_held(&lkhp_mutex);
	if (READ_ONCE(mod->state) == MODULE_STATE_LIVE)
		return true;
	spin_lock(&lkhp_coming_lock);
	list_for_each_entry(c, &lkhp_coming_mods, node)
		ready |= c->mod == mod && c->keys_ready;
	spin_unlock(&lkhp_coming_lock);
	return ready;
}

struct module *lkhp_coming_owner(const void *addr)
{
	struct lkhp_coming *c;
	struct module *mod = NULL;

	spin_lock(&lkhp_coming_lock);
	list_for_each_entry(c, &lkhp_coming_mods, node) {
		if (within_module_core((unsigned long)addr, c->mod)) {
			mod = c->mod;
			break;
		}
	}
	spin_unlock(&lkhp_coming_lock);
	return mod;
}

static bool lkhp_coming_seen(struct module *mod)
{
	struct lkhp_coming *c;
	bool seen = false;

	spin_lock(&lkhp_coming_lock);
	list_for_each_entry(c, &lkhp_coming_mods, node)
		seen |= c->mod == mod;
	spin_unlock(&lkhp_coming_lock);
	return seen;
}

/*
 * The module named @name if it is loaded for lkhp: live, or coming and
 * past lkhp's notifier. A module coming that the notifier has not seen
 * yet, or one going, is not: the notifier patches it, or it goes. Called
 * with lkhp_mutex held, which the notifier takes before a module it
 * announces as going can be freed. find_module() is not exported: the
 * kernel's module list is walked from lkhp's own entry in it. The walk also
 * passes the list head, in the kernel image; every module lives in
 * module_alloc()'s vmalloc space.
 */
struct module *lkhp_loaded_module(const char *name)
{
	struct module *mod, *found = NULL;
	enum module_state state;

	lockdep_assert_held(&lkhp_mutex);
	preempt_disable();
	list_for_each_entry_rcu(mod, &THIS_MODULE->list, list) {
		if (!is_vmalloc_addr(mod))
			continue;
		if (!strcmp(mod->name, name)) {
			found = mod;
			break;
		}
	}
	preempt_enable();
	if (!found)
		return NULL;
	state = READ_ONCE(found->state);
	if (state == MODULE_STATE_LIVE ||
	    (state == MODULE_STATE_COMING && lkhp_coming_seen(found)))
		return found;
	return NULL;
}

int lkhp_modules_init(void)
{
	int ret = register_module_notifier(&lkhp_module_late_nb);

	if (ret)
		return ret;
	ret = register_module_notifier(&lkhp_module_nb);
	if (ret)
		unregister_module_notifier(&lkhp_module_late_nb);
	return ret;
}

void lkhp_modules_exit(void)
{
	struct lkhp_coming *c, *tmp;

	unregister_module_notifier(&lkhp_module_nb);
	unregister_module_notifier(&lkhp_module_late_nb);
	list_for_each_entry_safe(c, tmp, &lkhp_coming_mods, node) {
		list_del(&c->node);
		kfree(c);
	}
}
