// SPDX-License-Identifier: GPL-2.0
/*
 * A patch's callbacks (lkhp-macros.h): checked when it registers, run per
 * object around each switch of that object, with lkhp_mutex held. The
 * order and what a failing pre-patch callback undoes: lkhp/patch.h.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include "internal.h"

/*
 * Check @e's callback records; an object a callback follows becomes one of
 * @e's objects (a module's part may have callbacks only).
 */
int lkhp_callbacks_check(struct lkhp_entry *e)
{
	const struct lkhp_patch *p = e->desc;
	struct module *mod = p->mod;
	unsigned int i;

	for (i = 0; i < p->nr_callbacks; i++) {
		const struct lkhp_callback *cb = &p->callbacks[i];
		const char *objname = cb->objname;

		if (cb->type < LKHP_CB_PRE_PATCH || cb->type > LKHP_CB_REMOVE ||
		    !lkhp_in_text(mod, (unsigned long)cb->fn.pre) ||
		    !lkhp_objname_ok(mod, objname)) {
			lkhp_fail("%s: refused: malformed callback record %u",
				  p->name, i);
			return -EINVAL;
		}
		if (cb->type == LKHP_CB_REMOVE || lkhp_object_find(e, objname))
			continue;
		if (!lkhp_object_add(e, objname ?: "")) {
			lkhp_fail("%s: refused: callback record %u: bad object name",
				  p->name, i);
			return -EINVAL;
		}
	}
	return 0;
}

/* Does @cb follow @obj? */
static bool lkhp_cb_of(struct lkhp_entry *e, const struct lkhp_callback *cb,
		       u32 type, const struct lkhp_obj *obj)
{
	return cb->type == type && lkhp_object_find(e, cb->objname) == obj;
}

/* @e's objects a switch touches: the loaded ones, or just @only. */
static bool lkhp_cb_target(const struct lkhp_obj *obj,
			   const struct lkhp_obj *only)
{
	return obj->loaded && (!only || obj == only);
}

/* The post-patch, pre-unpatch or post-unpatch callbacks of @type. */
void lkhp_callbacks_run(struct lkhp_entry *e, struct lkhp_obj *only, u32 type)
{
	const struct lkhp_patch *p = e->desc;
	struct lkhp_obj *obj;
	unsigned int i, k;

	lockdep_assert_held(&lkhp_mutex);
	for (k = 0; p && k < e->nr_objs; k++) {
		obj = &e->objs[k];
		if (!lkhp_cb_target(obj, only))
			continue;
		for (i = 0; i < p->nr_callbacks; i++) {
			if (lkhp_cb_of(e, &p->callbacks[i], type, obj))
				p->callbacks[i].fn.post(&obj->pub);
		}
	}
}

/* One object's pre-patch callbacks, up to the first that fails. */
static int lkhp_obj_pre_patch(struct lkhp_entry *e, struct lkhp_obj *obj)
{
	const struct lkhp_patch *p = e->desc;
	unsigned int i;
	int ret;

	for (i = 0; i < p->nr_callbacks; i++) {
		const struct lkhp_callback *cb = &p->callbacks[i];

		if (!lkhp_cb_of(e, cb, LKHP_CB_PRE_PATCH, obj))
			continue;
		ret = cb->fn.pre(&obj->pub);
		if (ret) {
			lkhp_fail("%s: patching %s cancelled: pre-patch callback %ps returned %d",
				  e->name, lkhp_object_name(obj), cb->fn.pre, ret);
			return ret;
		}
	}
	return 0;
}

/*
 * The pre-patch callbacks of the objects @e is about to switch in. On a
 * failure the objects whose callbacks all succeeded get their post-unpatch
 * callbacks, and the error is returned.
 */
int lkhp_callbacks_pre_patch(struct lkhp_entry *e, struct lkhp_obj *only)
{
	unsigned int k, j;
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	for (k = 0; k < e->nr_objs; k++) {
		if (!lkhp_cb_target(&e->objs[k], only))
			continue;
		ret = lkhp_obj_pre_patch(e, &e->objs[k]);
		if (!ret)
			continue;
		for (j = 0; j < k; j++) {
			if (lkhp_cb_target(&e->objs[j], only))
				lkhp_callbacks_run(e, &e->objs[j],
						   LKHP_CB_POST_UNPATCH);
		}
		return ret;
	}
	return 0;
}

/*
 * @e is being removed: its remove callbacks, if it was ever enabled (a
 * cancelled install attached nothing) and not replaced since.
 */
void lkhp_callbacks_remove(struct lkhp_entry *e)
{
	const struct lkhp_patch *p = e->desc;
	unsigned int i;

	lockdep_assert_held(&lkhp_mutex);
	if (!p || e->replaced || !e->enable_seq)
		return;
	for (i = 0; i < p->nr_callbacks; i++) {
		if (p->callbacks[i].type == LKHP_CB_REMOVE)
			p->callbacks[i].fn.remove();
	}
}
