// SPDX-License-Identifier: GPL-2.0
/*
 * A module's own symbol table. No lookup of a module symbol by name is
 * exported (module_kallsyms_lookup_name() is not), so lkhp reads the table
 * kallsyms reads: mod->kallsyms. While the module loads (COMING, its init)
 * that is the whole ELF symtab; once it is live, only the symbols kallsyms
 * keeps: its core functions, and its data with CONFIG_KALLSYMS_ALL.
 */
#include <linux/fs.h>
#include <linux/module.h>
#include <linux/rcupdate.h>
#include <linux/slab.h>
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
		/* a position picks one of several: unique only matters at 0 */
		if (!sympos && n > 1) {
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

/*
 * The address of section @secname of live module @mod, read from its sysfs
 * directory (/sys/module/NAME/sections/SECTION): once init has freed the
 * whole symbol table, nothing else keeps where the module's data went. A
 * caller without CAP_SYSLOG, or kernel.kptr_restrict=2, reads 0: -EPERM.
 */
int lkhp_module_section(struct module *mod, const char *secname,
			unsigned long *addr)
{
	char *path, buf[24];
	struct file *f;
	loff_t pos = 0;
	ssize_t n;
	int ret;

	if (strchr(secname, '/'))
		return -EINVAL;
	path = kasprintf(GFP_KERNEL, "/sys/module/%s/sections/%s", mod->name,
			 secname);
	if (!path)
		return -ENOMEM;
	f = filp_open(path, O_RDONLY, 0);
	kfree(path);
	if (IS_ERR(f))
		return PTR_ERR(f);
	n = kernel_read(f, buf, sizeof(buf) - 1, &pos);
	filp_close(f, NULL);
	if (n < 0)
		return n;
	buf[n] = '\0';
	ret = kstrtoul(strim(buf), 0, addr);
	if (ret)
		return ret;
	if (!*addr)
		return -EPERM;
	return within_module_core(*addr, mod) ? 0 : -ERANGE;
}

/* The patch @mod carries for registration when it loads, NULL if none. */
struct lkhp_patch *lkhp_module_patch(struct module *mod)
{
	Elf_Sym s;

	if (lkhp_module_sym(mod, LKHP_PATCH_SYMBOL, 0, &s))
		return NULL;
	return (struct lkhp_patch *)s.st_value;
}
