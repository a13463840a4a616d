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
 * relocated.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/list.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include "internal.h"

struct lkhp_coming {
	struct list_head node;
	struct module *mod;
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

	if (state == MODULE_STATE_LIVE)
		lkhp_module_live(mod);
	if (state == MODULE_STATE_GOING)
		lkhp_module_going(mod);
	if (state != MODULE_STATE_COMING) {
		lkhp_coming_del(mod);
		return NOTIFY_OK;
	}
	ret = lkhp_module_coming(mod);
	if (ret)
		return notifier_from_errno(ret);
	/*
	 * Untracked, the module still loads but cannot register a patch (its
	 * pointers are trusted in no module: "not inside a module being
	 * loaded"): better than failing every module load for want of 12 bytes.
	 */
	c = kmalloc(sizeof(*c), GFP_KERNEL);
	if (!c)
		return NOTIFY_OK;
	c->mod = mod;
	spin_lock(&lkhp_coming_lock);
	list_add(&c->node, &lkhp_coming_mods);
	spin_unlock(&lkhp_coming_lock);
	return NOTIFY_OK;
}

static struct notifier_block lkhp_module_nb = {
	.notifier_call = lkhp_module_notify,
	.priority = INT_MAX,	/* before jump_label's (1) and static_call's (0) */
};

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

int lkhp_modules_init(void)
{
	return register_module_notifier(&lkhp_module_nb);
}

void lkhp_modules_exit(void)
{
	struct lkhp_coming *c, *tmp;

	unregister_module_notifier(&lkhp_module_nb);
	list_for_each_entry_safe(c, tmp, &lkhp_coming_mods, node) {
		list_del(&c->node);
		kfree(c);
	}
}
