// SPDX-License-Identifier: GPL-2.0
/*
 * Another module's export, for the module whose part of a patch uses it
 * (struct lkhp_patch_reloc.exporter). find_symbol() is not exported and
 * __symbol_get() would take a reference on the exporter that nothing then
 * gives back at the right time; neither is needed: the exporter must be
 * one of the modules the patched module already uses (its dependencies,
 * mod->target_list), which cannot go while the patched module is loaded,
 * and the patch's part for that module is dropped when it goes. The
 * export is then read from the exporter's own tables, as find_symbol()
 * does, with the CRC the module loader would check.
 */
#include <linux/module.h>
#include <linux/string.h>
#include "internal.h"

/*
 * The module named @name that @user uses, NULL if none. @user's list is
 * written only by its own load (before COMING) and its free (after GOING,
 * whose notifier takes lkhp_mutex): stable for the callers, which hold
 * lkhp_mutex while @user is coming or live.
 */
static struct module *lkhp_used_module(struct module *user, const char *name)
{
#ifdef CONFIG_MODULE_UNLOAD
	struct module_use *use;

	lockdep_assert_held(&lkhp_mutex);
	list_for_each_entry(use, &user->target_list, target_list) {
		if (!strcmp(use->target->name, name))
			return use->target;
	}
#endif
	return NULL;
}

static const char *lkhp_ksym_name(const struct kernel_symbol *s)
{
#ifdef CONFIG_HAVE_ARCH_PREL32_RELOCATIONS
	return offset_to_ptr(&s->name_offset);
#else
	return s->name;
#endif
}

static unsigned long lkhp_ksym_value(const struct kernel_symbol *s)
{
#ifdef CONFIG_HAVE_ARCH_PREL32_RELOCATIONS
	return (unsigned long)offset_to_ptr(&s->value_offset);
#else
	return s->value;
#endif
}

/* Search one export table; its CRC is 0 without CONFIG_MODVERSIONS. */
static bool lkhp_ksym_find(const struct kernel_symbol *syms, const s32 *crcs,
			   unsigned int n, const char *name,
			   unsigned long *addr, u32 *crc)
{
	unsigned int i;

	for (i = 0; i < n; i++) {
		if (strcmp(lkhp_ksym_name(&syms[i]), name))
			continue;
		*addr = lkhp_ksym_value(&syms[i]);
		*crc = IS_ENABLED(CONFIG_MODVERSIONS) && crcs ? (u32)crcs[i] : 0;
		return true;
	}
	return false;
}

/*
 * Export @name of module @exporter, which @user uses: its address in
 * @addr and its CRC in @crc. -ENOLINK: @user does not use @exporter;
 * -ENOENT: @exporter does not export @name.
 */
int lkhp_module_export(struct module *user, const char *exporter,
		       const char *name, unsigned long *addr, u32 *crc)
{
	struct module *m = lkhp_used_module(user, exporter);

	if (!m)
		return -ENOLINK;
	if (lkhp_ksym_find(m->syms, m->crcs, m->num_syms, name, addr, crc) ||
	    lkhp_ksym_find(m->gpl_syms, m->gpl_crcs, m->num_gpl_syms, name,
			   addr, crc))
		return 0;
	return -ENOENT;
}
