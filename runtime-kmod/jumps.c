// SPDX-License-Identifier: GPL-2.0
/*
 * A patch's static branches on the keys of a target module M: M's static
 * keys and tracepoints used by the patch's code for M (struct
 * lkhp_jump_table). The kernel links a module's branches on another
 * module's keys when it announces the module (jump_label_add_module()),
 * assuming the other module cannot go first. A patch does not hold M: M
 * may load after it, go and come back elsewhere. So lkhp-mkpatch keeps
 * these entries out of the patch module's __jump_table, and lkhp.ko links
 * them into M's keys the way the kernel links a module's: it announces to
 * the kernel's jump-label notifier a stand-in module (no code, not COMING)
 * whose entries are a fresh copy of the patch's (the kernel sorts them in
 * place), once M's own entries are set (after that notifier ran for M),
 * and announces the stand-in going before M's keys go, or the patch.
 *
 * Locking: lkhp_mutex, then the notifier's cpus_read_lock() and
 * jump_label_lock(); nothing that holds those takes lkhp_mutex.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/jump_label.h>
#include <linux/kallsyms.h>
#include <linux/module.h>
#include <linux/notifier.h>
#include <linux/slab.h>
#include "internal.h"

#ifndef CONFIG_HAVE_ARCH_JUMP_LABEL_RELATIVE
#error "lkhp links relative jump entries (x86's) only"
#endif

#define LKHP_JMP8	0xeb	/* a 2-byte branch; any other is 5 bytes */

/* The kernel's jump-label module notifier, found in the module chain. */
static struct notifier_block *lkhp_jl_nb;

/* A linked table: the stand-in the kernel knows, and its entries. */
struct lkhp_jumps {
	struct module		standin;
	struct jump_entry	entries[];
};

/*
 * Find jump_label_module_nb (static, priority 1) after lkhp's notifier
 * @self in the module notifier chain. Called from @self, with the chain's
 * lock held: the chain does not change under the walk.
 */
void lkhp_jumps_find_notifier(struct notifier_block *self)
{
	static const char want[] = "jump_label_module_notify+0x0/";
	struct notifier_block *nb;
	char *buf;

	if (READ_ONCE(lkhp_jl_nb))
		return;
	buf = kmalloc(KSYM_SYMBOL_LEN, GFP_KERNEL);
	if (!buf)
		return;
	for (nb = rcu_dereference_raw(self->next); nb && nb->priority >= 1;
	     nb = rcu_dereference_raw(nb->next)) {
		sprint_symbol(buf, (unsigned long)nb->notifier_call);
		if (!strncmp(buf, want, sizeof(want) - 1)) {
			WRITE_ONCE(lkhp_jl_nb, nb);
			break;
		}
	}
	kfree(buf);
}

static unsigned long lkhp_jump_code(const struct jump_entry *j)
{
	return (unsigned long)&j->code + j->code;
}

/* The key field: the key's address plus its flags (JUMP_TYPE_*). */
static unsigned long lkhp_jump_key(const struct jump_entry *j)
{
	return (unsigned long)&j->key + j->key;
}

static unsigned int lkhp_jump_size(const u8 *ins)
{
	return ins[0] == LKHP_JMP8 ? 2 : LKHP_JUMP_SITE_MAX;
}

/*
 * Check @obj's table of @e and keep its branches' bytes as built: the
 * kernel assumes a module's branches are as built when it links them,
 * and an unlinked table is put back so. The module loader has relocated
 * the code and target fields; the key fields wait for the module.
 */
int lkhp_jumps_check(struct lkhp_entry *e)
{
	const struct lkhp_patch *p = e->desc;
	struct module *mod = p->mod;
	unsigned int i, k;

	for (i = 0; i < p->nr_jump_tables; i++) {
		const struct lkhp_jump_table *t = &p->jump_tables[i];
		struct jump_entry *j = t->entries;
		struct lkhp_obj *obj;

		obj = lkhp_objname_ok(mod, t->objname) && t->objname &&
		      *t->objname ? lkhp_object_find(e, t->objname) : NULL;
		/* not in __jump_table: the kernel links that one itself */
		if (!obj || obj->jt || !t->nr_entries ||
		    !lkhp_table_ok(mod, j, t->nr_entries, sizeof(*j)) ||
		    (j < mod->jump_entries + mod->num_jump_entries &&
		     mod->jump_entries < j + t->nr_entries)) {
			lkhp_fail("%s: refused: malformed jump table %u",
				  p->name, i);
			return -EINVAL;
		}
		obj->jt = t;
		obj->jump_ins = kcalloc(t->nr_entries, LKHP_JUMP_SITE_MAX,
					GFP_KERNEL);
		if (!obj->jump_ins)
			return -ENOMEM;
		for (k = 0; k < t->nr_entries; k++) {
			unsigned long code = lkhp_jump_code(&j[k]);

			if (!lkhp_in_text(mod, code) ||
			    !lkhp_in_text(mod, code + LKHP_JUMP_SITE_MAX - 1)) {
				lkhp_fail("%s: refused: jump table of %s: entry %u is not in the patch's code",
					  p->name, obj->name, k);
				return -EINVAL;
			}
			memcpy(obj->jump_ins[k], (void *)code, LKHP_JUMP_SITE_MAX);
		}
	}
	return 0;
}

/* Free what lkhp_jumps_check() kept. */
void lkhp_jumps_free(struct lkhp_entry *e)
{
	unsigned int i;

	for (i = 0; i < e->nr_objs; i++) {
		kfree(e->objs[i].jump_ins);
		e->objs[i].jump_ins = NULL;
	}
}

static int lkhp_jl_notify(unsigned long state, struct module *standin)
{
	return notifier_to_errno(lkhp_jl_nb->notifier_call(lkhp_jl_nb, state,
							    standin));
}

/*
 * Put @obj's branches back as built. Nothing runs that code now: the
 * module's part is being dropped (the module is going, or the patch,
 * disabled) or was never linked.
 */
static void lkhp_jumps_restore(struct lkhp_obj *obj)
{
	const struct jump_entry *j = obj->jt->entries;
	unsigned int k;

	for (k = 0; k < obj->jt->nr_entries; k++) {
		unsigned long code = lkhp_jump_code(&j[k]);
		const u8 *ins = obj->jump_ins[k];
		unsigned int len = lkhp_jump_size(ins);

		if (memcmp((void *)code, ins, len))
			WARN_ON(lkhp_text_write(code, ins, len));
	}
}

/*
 * Link @obj's table of @e into the keys of its module, loaded with its
 * own entries set. The copy's fields are relative to the copy. A key not
 * inside the module (a relocation gone wrong) is refused before the
 * kernel sees it.
 */
int lkhp_jumps_link(struct lkhp_entry *e, struct lkhp_obj *obj)
{
	const struct lkhp_jump_table *t = obj->jt;
	const struct jump_entry *src;
	struct lkhp_jumps *jl;
	unsigned int k;
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (!t || obj->jumps)
		return 0;
	if (!lkhp_jl_nb) {
		lkhp_fail("%s: refused: the kernel's jump-label module notifier was not found",
			  e->name);
		return -ENOENT;
	}
	jl = kzalloc(struct_size(jl, entries, t->nr_entries), GFP_KERNEL);
	if (!jl)
		return -ENOMEM;
	src = t->entries;
	for (k = 0; k < t->nr_entries; k++) {
		struct jump_entry *d = &jl->entries[k];
		unsigned long key = lkhp_jump_key(&src[k]);

		if (!within_module_core(key & ~(unsigned long)JUMP_TYPE_MASK,
					obj->pub.mod)) {
			lkhp_fail("%s: refused: jump table of %s: entry %u names no key of the module",
				  e->name, obj->name, k);
			kfree(jl);
			return -EINVAL;
		}
		d->code = lkhp_jump_code(&src[k]) - (unsigned long)&d->code;
		d->target = (unsigned long)&src[k].target + src[k].target -
			    (unsigned long)&d->target;
		d->key = key - (unsigned long)&d->key;
	}
	/* not COMING, no layout: its code is live text outside it */
	strscpy(jl->standin.name, e->module, sizeof(jl->standin.name));
	jl->standin.state = MODULE_STATE_LIVE;
	jl->standin.jump_entries = jl->entries;
	jl->standin.num_jump_entries = t->nr_entries;
	/*
	 * On failure the notifier has unlinked what it linked, maybe after
	 * it set some branches to their keys' state.
	 */
	ret = lkhp_jl_notify(MODULE_STATE_COMING, &jl->standin);
	if (ret) {
		lkhp_jumps_restore(obj);
		lkhp_fail("%s: refused: linking its static branches to module %s failed (%d)",
			  e->name, obj->name, ret);
		kfree(jl);
		return ret;
	}
	obj->jumps = jl;
	pr_notice("%s: %u static branch(es) linked to the keys of module %s\n",
		  e->name, t->nr_entries, obj->name);
	return 0;
}

/* Unlink @obj's table from its module's keys, its branches as built. */
void lkhp_jumps_unlink(struct lkhp_obj *obj)
{
	lockdep_assert_held(&lkhp_mutex);
	if (!obj->jumps)
		return;
	lkhp_jl_notify(MODULE_STATE_GOING, &obj->jumps->standin);
	lkhp_jumps_restore(obj);
	kfree(obj->jumps);
	obj->jumps = NULL;
}
