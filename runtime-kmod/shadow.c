// SPDX-License-Identifier: GPL-2.0
/*
 * Shadow variables (lkhp/shadow.h): data attached to a kernel object by
 * <address, id>, in one hash table keyed by the address. Readers walk a
 * bucket under RCU; adding and removing take lkhp_shadow_lock (with
 * interrupts off: patched code may run in any context), and a removed
 * variable is freed after a grace period. They belong to lkhp.ko, not to
 * a patch module, so a later patch takes over what an earlier one attached.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/hashtable.h>
#include <linux/module.h>
#include <linux/rculist.h>
#include <linux/slab.h>
#include <linux/spinlock.h>
#include <lkhp/shadow.h>
#include "internal.h"

#define LKHP_SHADOW_HASH_BITS	12

struct lkhp_shadow {
	struct hlist_node	node;
	struct rcu_head		rcu;
	void			*obj;
	unsigned long		id;
	char			data[];
};

static DEFINE_HASHTABLE(lkhp_shadow_hash, LKHP_SHADOW_HASH_BITS);
static DEFINE_SPINLOCK(lkhp_shadow_lock);
static unsigned long lkhp_shadow_nr;	/* under lkhp_shadow_lock */

/* Under rcu_read_lock() or lkhp_shadow_lock. */
static struct lkhp_shadow *lkhp_shadow_find(void *obj, unsigned long id)
{
	struct lkhp_shadow *sv;

	hash_for_each_possible_rcu(lkhp_shadow_hash, sv, node,
				   (unsigned long)obj) {
		if (sv->obj == obj && sv->id == id)
			return sv;
	}
	return NULL;
}

void *lkhp_shadow_get(void *obj, unsigned long id)
{
	struct lkhp_shadow *sv;

	rcu_read_lock();
	sv = lkhp_shadow_find(obj, id);
	rcu_read_unlock();
	return sv ? sv->data : NULL;
}
EXPORT_SYMBOL_GPL(lkhp_shadow_get);

/*
 * Attach a new variable to <@obj, @id>, or return the one attached (NULL
 * with a warning if @exists_fails). The memory is allocated outside the
 * lock, for @gfp_flags that may sleep; @ctor runs under it.
 */
static void *lkhp_shadow_attach(void *obj, unsigned long id, size_t size,
				gfp_t gfp_flags, lkhp_shadow_ctor_t ctor,
				void *ctor_data, bool exists_fails)
{
	struct lkhp_shadow *sv, *new;
	void *data = lkhp_shadow_get(obj, id);
	unsigned long flags;
	int ret;

	if (data)
		goto exists;
	new = kzalloc(struct_size(new, data, size), gfp_flags);
	if (!new)
		return NULL;
	spin_lock_irqsave(&lkhp_shadow_lock, flags);
	sv = lkhp_shadow_find(obj, id);
	if (sv) {
		data = sv->data;
		spin_unlock_irqrestore(&lkhp_shadow_lock, flags);
		kfree(new);
		goto exists;
	}
	new->obj = obj;
	new->id = id;
	if (ctor) {
		ret = ctor(obj, new->data, ctor_data);
		if (ret) {
			spin_unlock_irqrestore(&lkhp_shadow_lock, flags);
			kfree(new);
			pr_err("shadow variable <%p, %#lx>: constructor %ps failed (%d)\n",
			       obj, id, ctor, ret);
			return NULL;
		}
	}
	hash_add_rcu(lkhp_shadow_hash, &new->node, (unsigned long)obj);
	lkhp_shadow_nr++;
	spin_unlock_irqrestore(&lkhp_shadow_lock, flags);
	return new->data;

exists:
	if (exists_fails) {
		pr_warn_ratelimited("shadow variable <%p, %#lx> already exists\n",
				    obj, id);
		return NULL;
	}
	return data;
}

void *lkhp_shadow_alloc(void *obj, unsigned long id, size_t size,
			gfp_t gfp_flags, lkhp_shadow_ctor_t ctor,
			void *ctor_data)
{
	return lkhp_shadow_attach(obj, id, size, gfp_flags, ctor, ctor_data,
				  true);
}
EXPORT_SYMBOL_GPL(lkhp_shadow_alloc);

void *lkhp_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
			       gfp_t gfp_flags, lkhp_shadow_ctor_t ctor,
			       void *ctor_data)
{
	return lkhp_shadow_attach(obj, id, size, gfp_flags, ctor, ctor_data,
				  false);
}
EXPORT_SYMBOL_GPL(lkhp_shadow_get_or_alloc);

/* Under lkhp_shadow_lock. */
static void lkhp_shadow_del(struct lkhp_shadow *sv, lkhp_shadow_dtor_t dtor)
{
	if (dtor)
		dtor(sv->obj, sv->data);
	hash_del_rcu(&sv->node);
	lkhp_shadow_nr--;
	kfree_rcu(sv, rcu);
}

void lkhp_shadow_free(void *obj, unsigned long id, lkhp_shadow_dtor_t dtor)
{
	struct lkhp_shadow *sv;
	unsigned long flags;

	spin_lock_irqsave(&lkhp_shadow_lock, flags);
	sv = lkhp_shadow_find(obj, id);
	if (sv)
		lkhp_shadow_del(sv, dtor);
	spin_unlock_irqrestore(&lkhp_shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(lkhp_shadow_free);

void lkhp_shadow_free_all(unsigned long id, lkhp_shadow_dtor_t dtor)
{
	struct lkhp_shadow *sv;
	struct hlist_node *tmp;
	unsigned long flags;
	int bkt;

	spin_lock_irqsave(&lkhp_shadow_lock, flags);
	hash_for_each_safe(lkhp_shadow_hash, bkt, tmp, sv, node) {
		if (sv->id == id)
			lkhp_shadow_del(sv, dtor);
	}
	spin_unlock_irqrestore(&lkhp_shadow_lock, flags);
}
EXPORT_SYMBOL_GPL(lkhp_shadow_free_all);

/* For /sys/kernel/lkhp/shadow_variables. */
unsigned long lkhp_shadow_count(void)
{
	return READ_ONCE(lkhp_shadow_nr);
}

/*
 * lkhp.ko is unloading: no patch module is left to use what patches did
 * not free (their modules needed lkhp.ko), so it goes without destructors.
 */
void lkhp_shadow_exit(void)
{
	struct lkhp_shadow *sv;
	struct hlist_node *tmp;
	int bkt;

	hash_for_each_safe(lkhp_shadow_hash, bkt, tmp, sv, node) {
		hash_del(&sv->node);
		kfree(sv);
	}
	if (lkhp_shadow_nr)
		pr_notice("%lu shadow variable(s) freed on unload\n",
			  lkhp_shadow_nr);
	lkhp_shadow_nr = 0;
}
