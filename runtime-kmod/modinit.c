// SPDX-License-Identifier: GPL-2.0
/*
 * A target module's __init functions (LKHP_FUNC_INIT). The module's init
 * runs once per load, after lkhp switched its part in at COMING, and its
 * init text is freed once the init has run (LIVE) or failed (GOING). So a
 * replaced init function takes effect only for a load that follows the
 * patch: a patch is refused when such a module is already loaded, and when
 * it would be enabled after the module's init ran unpatched (never half
 * live). At LIVE the init functions' sites are forgotten without writing
 * them: nothing may write into the freed text. What a patched init
 * registered may point into the patch module (a copied string, ops table):
 * the patch module is held while the module that ran it stays loaded.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "internal.h"

/* @obj's first function with LKHP_FUNC_INIT, or NULL. */
static struct lkhp_func *lkhp_init_func(struct lkhp_entry *e,
					const struct lkhp_obj *obj)
{
	unsigned int i;

	for (i = 0; i < e->nr_funcs; i++) {
		if (e->funcs[i].obj == obj && e->funcs[i].flags & LKHP_FUNC_INIT)
			return &e->funcs[i];
	}
	return NULL;
}

/* @obj's module is loaded as @e registers: its init has run, or runs. */
int lkhp_init_refuse_loaded(struct lkhp_entry *e, struct lkhp_obj *obj)
{
	struct lkhp_func *f = lkhp_init_func(e, obj);

	if (!f)
		return 0;
	lkhp_fail("%s: refused: %s is loaded and its init has run: %s's fix would not take effect; unload %s first",
		  e->desc->name, obj->name, f->name, obj->name);
	return -EBUSY;
}

/* @obj was resolved as its module comes: does its init run patched? */
void lkhp_init_coming(struct lkhp_entry *e, struct lkhp_obj *obj)
{
	if (!lkhp_init_func(e, obj))
		return;
	obj->init_old = e->state != LKHP_STATE_ENABLED;
	obj->init_pinned = !obj->init_old;
	if (obj->init_pinned)
		__module_get(e->mod);
}

/* @obj's module goes (or @obj is given back): the patch module may go. */
void lkhp_init_release(struct lkhp_entry *e, struct lkhp_obj *obj)
{
	obj->init_old = false;
	if (!obj->init_pinned)
		return;
	obj->init_pinned = false;
	module_put(e->mod);
}

int lkhp_init_refuse_remove(struct lkhp_entry *e)
{
	unsigned int i;

	for (i = 0; i < e->nr_objs; i++) {
		struct lkhp_obj *obj = &e->objs[i];

		if (!obj->init_pinned)
			continue;
		lkhp_fail("%s: remove refused: %s's init ran with %s's fix and may keep pointers into the patch module: unload %s first",
			  e->name, obj->name, lkhp_init_func(e, obj)->name,
			  obj->name);
		return -EBUSY;
	}
	return 0;
}

int lkhp_init_refuse_enable(struct lkhp_entry *e)
{
	unsigned int i;

	for (i = 0; i < e->nr_objs; i++) {
		struct lkhp_obj *obj = &e->objs[i];

		if (!obj->loaded || !obj->init_old)
			continue;
		lkhp_fail("%s: enable refused: %s's init ran without %s's fix (the patch was disabled when it loaded): unload %s first",
			  e->name, obj->name, lkhp_init_func(e, obj)->name,
			  obj->name);
		return -EBUSY;
	}
	return 0;
}

/* Target module @mod's init has run: its init text is freed next. */
void lkhp_init_live(struct module *mod)
{
	struct lkhp_entry *e;
	unsigned int i;

	lockdep_assert_held(&lkhp_mutex);
	list_for_each_entry(e, &lkhp_patches, node) {
		for (i = 0; i < e->nr_funcs; i++) {
			struct lkhp_func *f = &e->funcs[i];

			if (!(f->flags & LKHP_FUNC_INIT) || !f->site ||
			    f->obj->pub.mod != mod)
				continue;
			f->site->active = NULL;
			lkhp_site_put(f);
		}
	}
}
