// SPDX-License-Identifier: GPL-2.0
/*
 * A module's own symbol table. No lookup of a module symbol by name is
 * exported (module_kallsyms_lookup_name() is not), so lkhp reads the table
 * kallsyms reads: mod->kallsyms. While the module loads (COMING, its init)
 * that is the whole ELF symtab; once it is live, only the symbols kallsyms
 * keeps: its core functions, and its data with CONFIG_KALLSYMS_ALL.
 */
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/string.h>
#include "internal.h"

/*
 * The @sympos-th (1-based) defined symbol named @name in @mod's table, or
 * the only one when @sympos is 0. Returns 0 with @out filled, -ENOENT, or
 * -ENOTUNIQ when @sympos is 0 and the name is not unique.
 */
int lkhp_module_sym(struct module *mod, const char *name, u32 sympos,
		    Elf_Sym *out)
{
	struct mod_kallsyms *ks;
	unsigned int i, n = 0;
	int ret = -ENOENT;

	/* the table moves to the core copy when init ends (RCU-sched) */
	preempt_disable();
	ks = rcu_dereference_sched(mod->kallsyms);
	for (i = 1; i < ks->num_symtab; i++) {
		const Elf_Sym *s = &ks->symtab[i];

		if (s->st_shndx == SHN_UNDEF ||
		    strcmp(ks->strtab + s->st_name, name))
			continue;
		n++;
		if (sympos && n != sympos)
			continue;
		if (n > 1) {
			ret = -ENOTUNIQ;
			break;
		}
		*out = *s;
		ret = 0;
		if (sympos)
			break;
	}
	preempt_enable();
	return ret;
}

/* The patch @mod carries for registration when it loads, NULL if none. */
struct lkhp_patch *lkhp_module_patch(struct module *mod)
{
	Elf_Sym s;

	if (lkhp_module_sym(mod, LKHP_PATCH_SYMBOL, 0, &s))
		return NULL;
	return (struct lkhp_patch *)s.st_value;
}
