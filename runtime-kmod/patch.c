// SPDX-License-Identifier: GPL-2.0
/*
 * Validation of a patch module's tables into runtime structs: ABI version and
 * sizes, the kernel it was built for, the KASLR offset, every address
 * verified with sprint_symbol(), the relocations applied, and the per-site
 * state (saved original bytes) shared by patches replacing one function.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/ctype.h>
#include <linux/kallsyms.h>
#include <linux/kernel.h>
#include <linux/module.h>
#include <linux/printk.h>
#include <linux/slab.h>
#include <linux/string.h>
#include <linux/utsname.h>
#include "internal.h"

/* sprint_symbol() output buffer, used with lkhp_mutex held. */
static char lkhp_symbuf[KSYM_SYMBOL_LEN];

/*
 * Every pointer in a patch's tables points into the patch module that
 * registers it: corrupted tables are refused before anything follows them.
 */
static bool lkhp_in_module(const struct module *mod, const void *ptr,
			   size_t len)
{
	unsigned long a = (unsigned long)ptr;

	return ptr && len && a + (len - 1) >= a &&
	       within_module_core(a, mod) && within_module_core(a + len - 1, mod);
}

bool lkhp_table_ok(const struct module *mod, const void *table, u32 n,
		   size_t entry_size)
{
	size_t bytes;

	return !check_mul_overflow((size_t)n, entry_size, &bytes) &&
	       lkhp_in_module(mod, table, bytes);
}

static bool lkhp_str_ok(const struct module *mod, const char *s, size_t max)
{
	unsigned long end = (unsigned long)mod->core_layout.base +
			    mod->core_layout.size;

	if (!lkhp_in_module(mod, s, 1))
		return false;
	max = min_t(size_t, max, end - (unsigned long)s);
	return *s && strnlen(s, max) < max;
}

/* An object name is NULL or empty for vmlinux, else a module's name. */
bool lkhp_objname_ok(const struct module *mod, const char *objname)
{
	return !objname || (lkhp_in_module(mod, objname, 1) &&
			    (!*objname || lkhp_str_ok(mod, objname, MODULE_NAME_LEN)));
}

bool lkhp_in_text(const struct module *mod, unsigned long addr)
{
	unsigned long base = (unsigned long)mod->core_layout.base;

	return addr >= base && addr - base < mod->core_layout.text_size;
}

/* The alias table: NULL, or entries inside @mod up to one with a NULL name. */
static bool lkhp_aliases_ok(const struct module *mod,
			    const struct lkhp_alias *a)
{
	if (!a)
		return true;
	for (;; a++) {
		if (!lkhp_in_module(mod, a, sizeof(*a)))
			return false;
		if (!a->name)
			return true;
		if (!lkhp_str_ok(mod, a->name, LKHP_SYM_LEN))
			return false;
	}
}

/* Bytes of a checked alias table, its end included. */
static size_t lkhp_aliases_size(const struct lkhp_alias *a)
{
	const struct lkhp_alias *end = a;

	while (end && end->name)
		end++;
	return a ? (end - a + 1) * sizeof(*a) : 0;
}

/* Patch names become sysfs directories and CLI arguments. */
static bool lkhp_name_chars_ok(const char *name)
{
	for (; *name; name++) {
		if (!isalnum(*name) && *name != '-' && *name != '_')
			return false;
	}
	return true;
}

/* Header checks that need no lock: versions, sizes, the target kernel. */
int lkhp_patch_check(struct module *mod, const struct lkhp_patch *p)
{
	const char *name, *release, *version;

	if (!mod || !lkhp_in_module(mod, p, sizeof(*p))) {
		lkhp_fail("refused: the patch at %pS is not inside a module being loaded",
		       p);
		return -EINVAL;
	}
	name = lkhp_str_ok(mod, p->name, LKHP_NAME_LEN) ? p->name : "?";
	if (p->abi_version != LKHP_ABI_VERSION ||
	    p->struct_size != sizeof(*p) ||
	    p->func_size != sizeof(struct lkhp_patch_func) ||
	    p->reloc_size != sizeof(struct lkhp_patch_reloc)) {
		lkhp_fail("%s: refused: patch ABI %u (sizes %u/%u/%u) does not match lkhp ABI %u (%zu/%zu/%zu)",
		       name, p->abi_version, p->struct_size, p->func_size,
		       p->reloc_size, LKHP_ABI_VERSION, sizeof(*p),
		       sizeof(struct lkhp_patch_func),
		       sizeof(struct lkhp_patch_reloc));
		return -EINVAL;
	}
	if (p->mod != mod || !lkhp_str_ok(mod, p->name, LKHP_NAME_LEN) ||
	    !lkhp_name_chars_ok(p->name) ||
	    !p->nr_funcs ||
	    !lkhp_table_ok(mod, p->funcs, p->nr_funcs, p->func_size) ||
	    (p->nr_relocs &&
	     !lkhp_table_ok(mod, p->relocs, p->nr_relocs, p->reloc_size)) ||
	    (p->nr_callbacks &&
	     !lkhp_table_ok(mod, p->callbacks, p->nr_callbacks,
			    sizeof(*p->callbacks))) ||
	    !lkhp_aliases_ok(mod, p->aliases) ||
	    (p->nr_jump_tables &&
	     !lkhp_table_ok(mod, p->jump_tables, p->nr_jump_tables,
			    sizeof(*p->jump_tables))) ||
	    (p->flags & ~LKHP_PATCH_REPLACE)) {
		lkhp_fail("%s: refused: malformed patch header", name);
		return -EINVAL;
	}
	release = lkhp_str_ok(mod, p->kernel_release,
			      sizeof(init_uts_ns.name.release)) ?
		  p->kernel_release : NULL;
	version = lkhp_str_ok(mod, p->kernel_version,
			      sizeof(init_uts_ns.name.version)) ?
		  p->kernel_version : NULL;
	if (!release || !version ||
	    strcmp(release, init_uts_ns.name.release) ||
	    strcmp(version, init_uts_ns.name.version)) {
		lkhp_fail("%s: refused: built for kernel '%s' '%s', running '%s' '%s'",
		       name, release ?: "?", version ?: "?",
		       init_uts_ns.name.release, init_uts_ns.name.version);
		return -ENOEXEC;
	}
	return 0;
}

static bool lkhp_overlaps(unsigned long a, size_t alen, const void *b,
			  size_t blen)
{
	unsigned long bb = (unsigned long)b;

	return a < bb + blen && bb < a + alen;
}

/* A relocation may not rewrite the tables lkhp has validated. */
static bool lkhp_place_ok(const struct lkhp_patch *p, unsigned long place)
{
	return !lkhp_overlaps(place, sizeof(u32), p, sizeof(*p)) &&
	       !lkhp_overlaps(place, sizeof(u32), p->funcs,
			      (size_t)p->nr_funcs * p->func_size) &&
	       !lkhp_overlaps(place, sizeof(u32), p->relocs,
			      (size_t)p->nr_relocs * p->reloc_size) &&
	       !lkhp_overlaps(place, sizeof(u32), p->callbacks,
			      (size_t)p->nr_callbacks * sizeof(*p->callbacks)) &&
	       !lkhp_overlaps(place, sizeof(u32), p->aliases,
			      lkhp_aliases_size(p->aliases)) &&
	       !lkhp_overlaps(place, sizeof(u32), p->jump_tables,
			      (size_t)p->nr_jump_tables * sizeof(*p->jump_tables));
}

/*
 * Read what sprint_symbol() says about @addr: "name+0xoff/0xsize [mod]".
 * Returns the size, with *@name pointing at the name (in lkhp_symbuf), or 0
 * when @addr is not the start of a symbol.
 */
static unsigned long lkhp_symbol_at(unsigned long addr, const char **name)
{
	char *buf = lkhp_symbuf, *plus, *slash, *sp;
	unsigned long off, size;

	lockdep_assert_held(&lkhp_mutex);
	sprint_symbol(buf, addr);
	sp = strchr(buf, ' ');
	if (sp)
		*sp = '\0';
	plus = strrchr(buf, '+');
	slash = plus ? strchr(plus, '/') : NULL;
	if (!slash)
		return 0;
	*plus = '\0';
	*slash = '\0';
	if (kstrtoul(plus + 1, 0, &off) || kstrtoul(slash + 1, 0, &size))
		return 0;
	if (off)
		return 0;
	*name = buf;
	return size;
}

/*
 * Is @shown, the name kallsyms gives the symbol at the place of link-time
 * address @addr of @p's vmlinux, @name or one of its aliases there?
 * kallsyms shows one name of several at an address.
 */
static bool lkhp_is_named(const struct lkhp_patch *p, const char *shown,
			  const char *name, u32 addr)
{
	const struct lkhp_alias *a;

	if (!strcmp(shown, name))
		return true;
	for (a = p->aliases; a && a->name; a++) {
		if (a->addr == addr && !strcmp(a->name, shown))
			return true;
	}
	return false;
}

/* The KASLR offset: the anchor's address now minus the one the patch carries. */
static unsigned long lkhp_kaslr(const struct lkhp_patch *p)
{
	return (unsigned long)&_printk - p->anchor_addr;
}

/* A symbol of the patch's kernel image: link-time address + KASLR offset. */
struct lkhp_symref {
	const char	*name;
	const char	*secname;	/* module symbols */
	u32		sympos;
	u32		addr;		/* vmlinux: link-time; module: in secname */
	u32		size;		/* 0: not checked */
	bool		data;
};

/*
 * Resolve vmlinux symbol @r and verify it: sprint_symbol() must name it (or
 * an alias) at offset 0, with its size when given. A data symbol kallsyms cannot name
 * (see LKHP_RELOC_DATA) stands on the anchors lkhp_patch_resolve() checked.
 */
static int lkhp_vmlinux_sym(struct lkhp_entry *e, const struct lkhp_symref *r,
			    unsigned long *addr)
{
	unsigned long found;
	const char *shown;

	*addr = r->addr + lkhp_kaslr(e->desc);
	if (r->data && (!IS_ENABLED(CONFIG_KALLSYMS_ALL) || !r->size))
		return 0;
	found = lkhp_symbol_at(*addr, &shown);
	if (found && !lkhp_is_named(e->desc, shown, r->name, r->addr))
		found = 0;
	/*
	 * kallsyms has no st_size: its size is the distance to the next
	 * kallsyms symbol, so the symtab size plus alignment padding, or more
	 * when unnamed code follows (overridden weak definitions). It must at
	 * least cover the symtab size.
	 */
	if (!found || found < r->size) {
		/* lkhp_symbuf now holds what is really there. */
		sprint_symbol(lkhp_symbuf, *addr);
		lkhp_fail("%s: refused: symbol %s (link-time %#x, size %#x) does not verify: %#lx is %s",
			  e->desc->name, r->name, r->addr, r->size, *addr,
			  lkhp_symbuf);
		return -ENOEXEC;
	}
	return 0;
}

/*
 * Resolve symbol @r of module @mod by name and position in the module's
 * own symbol table, and verify its size there (the symtab's st_size, exact).
 * Data a live module's table no longer lists (no CONFIG_KALLSYMS_ALL) is
 * placed by its section's address.
 */
static int lkhp_module_symbol(struct lkhp_entry *e, struct module *mod,
			      const struct lkhp_symref *r, unsigned long *addr)
{
	Elf_Sym sym;
	int ret = lkhp_module_sym(mod, r->name, r->sympos, &sym);

	if (!ret && r->size && sym.st_size != r->size) {
		lkhp_fail("%s: refused: symbol %s of module %s has size %#x, the patch was built for %#x: another build of the module",
			  e->desc->name, r->name, mod->name, sym.st_size,
			  r->size);
		return -ENOEXEC;
	}
	if (!ret) {
		*addr = sym.st_value;
		return 0;
	}
	if (ret == -ENOENT && r->data && r->secname) {
		ret = lkhp_module_section(mod, r->secname, addr);
		if (!ret) {
			*addr += r->addr;
			return 0;
		}
		lkhp_fail("%s: refused: %s of module %s: no address for its section %s (%d)",
			  e->desc->name, r->name, mod->name, r->secname, ret);
		return -ENOEXEC;
	}
	lkhp_fail("%s: refused: symbol %s (position %u) of module %s %s",
		  e->desc->name, r->name, r->sympos, mod->name,
		  ret == -ENOTUNIQ ? "is not unique" : "is not there");
	return -ENOEXEC;
}

static int lkhp_resolve_sym(struct lkhp_entry *e, struct lkhp_obj *obj,
			    const struct lkhp_symref *r, unsigned long *addr)
{
	return obj->pub.mod ? lkhp_module_symbol(e, obj->pub.mod, r, addr) :
			  lkhp_vmlinux_sym(e, r, addr);
}

static struct lkhp_site *lkhp_site_find(unsigned long func_addr)
{
	struct lkhp_site *s;

	list_for_each_entry(s, &lkhp_sites, node) {
		if (s->func_addr == func_addr)
			return s;
	}
	return NULL;
}

static unsigned int lkhp_redirect_len(const struct lkhp_patch_func *d)
{
	return d->flags & LKHP_FUNC_JMP_REL32 ? LKHP_JMP_SIZE : LKHP_LJMP_SIZE;
}

/* The site of @f's original function, created on first use. */
static int lkhp_site_get(struct lkhp_entry *e, struct lkhp_func *f,
			 unsigned long func_addr)
{
	const struct lkhp_patch_func *d = f->desc;
	struct lkhp_site *s = lkhp_site_find(func_addr);
	unsigned int len = lkhp_redirect_len(d);
	int ret;

	if (s) {
		if (s->site_offset != d->site_offset ||
		    s->func_size != d->old_size || s->ins_len != len) {
			lkhp_fail("%s: refused: %s: site offset %u / size %u / %u-byte redirect differ from another patch's %u / %lu / %u",
				  e->desc->name, f->name, d->site_offset,
				  d->old_size, len, s->site_offset,
				  s->func_size, s->ins_len);
			return -EINVAL;
		}
		goto out;
	}
	s = kzalloc(sizeof(*s), GFP_KERNEL);
	if (!s)
		return -ENOMEM;
	s->name = kstrdup(f->name, GFP_KERNEL);
	if (!s->name) {
		ret = -ENOMEM;
		goto err_free;
	}
	s->func_addr = func_addr;
	s->func_size = d->old_size;
	s->site_offset = d->site_offset;
	s->ins_len = len;
	s->addr = func_addr + d->site_offset;
	INIT_LIST_HEAD(&s->funcs);
	ret = lkhp_text_read(s->addr, s->orig_ins, len);
	if (ret)
		goto err_name;
	list_add_tail(&s->node, &lkhp_sites);
out:
	f->site = s;
	list_add_tail(&f->site_node, &s->funcs);
	lkhp_redirect_encode(s, f->patch_ins, f->new_addr);
	return 0;

err_name:
	kfree(s->name);
err_free:
	kfree(s);
	return ret;
}

void lkhp_site_put(struct lkhp_func *f)
{
	struct lkhp_site *s = f->site;

	if (!s)
		return;
	list_del(&f->site_node);
	f->site = NULL;
	if (!list_empty(&s->funcs))
		return;
	WARN_ON(s->active);
	list_del(&s->node);
	kfree(s->name);
	kfree(s);
}

/* Check @f's record and tie it to its object; nothing is resolved yet. */
static int lkhp_func_check(struct lkhp_entry *e, struct lkhp_func *f)
{
	const struct lkhp_patch_func *d = f->desc;
	struct module *mod = e->desc->mod;
	const char *shown;

	if (!lkhp_str_ok(mod, d->old_name, LKHP_SYM_LEN) ||
	    !lkhp_objname_ok(mod, d->objname) ||
	    (d->flags & ~(LKHP_FUNC_FORCE_UNSAFE | LKHP_FUNC_JMP_REL32 |
			  LKHP_FUNC_INIT)) ||
	    ((d->flags & LKHP_FUNC_INIT) && !(d->objname && *d->objname)) ||
	    (d->site_offset != LKHP_SITE_ENTRY &&
	     d->site_offset != LKHP_SITE_FENTRY)) {
		lkhp_fail("%s: refused: malformed function record %u",
			  e->desc->name, (unsigned int)(f - e->funcs));
		return -EINVAL;
	}
	if (d->old_size < d->site_offset + lkhp_redirect_len(d)) {
		lkhp_fail("%s: refused: %s is too short for the redirect: %u bytes, need %u (site offset %u + %u-byte %s)",
			  e->desc->name, d->old_name, d->old_size,
			  d->site_offset + lkhp_redirect_len(d), d->site_offset,
			  lkhp_redirect_len(d),
			  d->flags & LKHP_FUNC_JMP_REL32 ? "jmp" : "ljmp");
		return -EINVAL;
	}
	f->new_addr = (unsigned long)d->new_func;
	if (!lkhp_in_text(mod, f->new_addr)) {
		lkhp_fail("%s: refused: new %s at %pS is not in the text of module %s",
			  e->desc->name, d->old_name, d->new_func, mod->name);
		return -EINVAL;
	}
	f->new_size = lkhp_symbol_at(f->new_addr, &shown);
	if (!f->new_size) {
		lkhp_fail("%s: refused: new %s at %pS is not a symbol start",
			  e->desc->name, d->old_name, d->new_func);
		return -EINVAL;
	}
	f->name = kstrdup(d->old_name, GFP_KERNEL);
	if (!f->name)
		return -ENOMEM;
	f->sympos = d->sympos;
	f->flags = d->flags;
	return 0;
}

/* Resolve @f's original function: its site. */
static int lkhp_func_resolve(struct lkhp_entry *e, struct lkhp_func *f)
{
	const struct lkhp_patch_func *d = f->desc;
	struct lkhp_symref r = {
		.name = d->old_name, .sympos = d->sympos,
		.addr = d->old_addr, .size = d->old_size,
	};
	unsigned long old_addr;
	unsigned int i;
	int ret;

	ret = lkhp_resolve_sym(e, f->obj, &r, &old_addr);
	if (ret)
		return ret;
	/* init text: only as the module comes (lkhp_init_refuse_loaded()) */
	if (f->obj->pub.mod && (f->flags & LKHP_FUNC_INIT ?
				!within_module_init(old_addr, f->obj->pub.mod) :
				!within_module_core(old_addr, f->obj->pub.mod))) {
		lkhp_fail("%s: refused: %s is not in the %s text of module %s",
			  e->desc->name, f->name,
			  f->flags & LKHP_FUNC_INIT ? "init" : "core",
			  f->obj->pub.mod->name);
		return -ENOEXEC;
	}
	for (i = 0; i < e->nr_funcs; i++) {
		if (e->funcs[i].site && e->funcs[i].site->func_addr == old_addr) {
			lkhp_fail("%s: refused: %s is listed twice",
				  e->desc->name, f->name);
			return -EINVAL;
		}
	}
	return lkhp_site_get(e, f, old_addr);
}

/* The object named @objname (NULL or "": vmlinux), NULL if none. */
struct lkhp_obj *lkhp_object_find(struct lkhp_entry *e, const char *objname)
{
	unsigned int i;

	objname = objname ?: "";
	for (i = 0; i < e->nr_objs; i++) {
		if (!strcmp(e->objs[i].name, objname))
			return &e->objs[i];
	}
	return NULL;
}

const char *lkhp_object_name(const struct lkhp_obj *obj)
{
	return obj->name[0] ? obj->name : LKHP_VMLINUX;
}

/*
 * A new object named @objname, or NULL for a bad name. @e->objs has room
 * for one per function and callback, and vmlinux.
 */
struct lkhp_obj *lkhp_object_add(struct lkhp_entry *e, const char *objname)
{
	struct lkhp_obj *obj = &e->objs[e->nr_objs];

	if (strscpy(obj->name, objname, sizeof(obj->name)) < 0 ||
	    !strcmp(objname, LKHP_VMLINUX))
		return NULL;
	e->nr_objs++;
	return obj;
}

/* Tie @f to the object it names, added on first use. */
static int lkhp_object_get(struct lkhp_entry *e, struct lkhp_func *f)
{
	const char *objname = f->desc->objname ?: "";
	struct lkhp_obj *obj = lkhp_object_find(e, objname);

	if (!obj)
		obj = lkhp_object_add(e, objname);
	if (!obj) {
		lkhp_fail("%s: refused: bad object name in function record %u",
			  e->desc->name, (unsigned int)(f - e->funcs));
		return -EINVAL;
	}
	f->obj = obj;
	obj->nr_funcs++;
	return 0;
}

static int lkhp_reloc_check(struct lkhp_entry *e,
			    const struct lkhp_patch_reloc *r)
{
	unsigned long place = (unsigned long)r->place;
	struct module *mod = e->desc->mod;
	const struct lkhp_obj *obj;

	if (!lkhp_str_ok(mod, r->sym_name, LKHP_SYM_LEN) ||
	    !lkhp_objname_ok(mod, r->objname) ||
	    (r->type != LKHP_R_386_32 && r->type != LKHP_R_386_PC32) ||
	    (r->flags & ~LKHP_RELOC_DATA) ||
	    !within_module_core(place, mod) ||
	    !within_module_core(place + sizeof(u32) - 1, mod) ||
	    !lkhp_place_ok(e->desc, place)) {
		lkhp_fail("%s: refused: malformed relocation %u",
			  e->desc->name, (unsigned int)(r - e->desc->relocs));
		return -EINVAL;
	}
	obj = lkhp_object_find(e, r->objname);
	/* code of a module's part may use vmlinux without replacing any of it */
	if (!obj && !(r->objname && *r->objname))
		obj = lkhp_object_add(e, "");
	if (!obj || (obj->name[0] && !r->exporter ?
		     !lkhp_str_ok(mod, r->secname, LKHP_SYM_LEN) :
		     r->secname != NULL)) {
		lkhp_fail("%s: refused: relocation %u: object %s has no replaced function, or a bad section name",
			  e->desc->name, (unsigned int)(r - e->desc->relocs),
			  r->objname && *r->objname ? r->objname : LKHP_VMLINUX);
		return -EINVAL;
	}
	/* an export is another module's, by name, for a module's part */
	if (r->exporter ? !obj->name[0] ||
			  !lkhp_str_ok(mod, r->exporter, MODULE_NAME_LEN) ||
			  r->sympos || r->sym_addr || r->sym_size || r->flags
			: r->crc != 0) {
		lkhp_fail("%s: refused: relocation %u: a malformed export record (exporter, CRC)",
			  e->desc->name, (unsigned int)(r - e->desc->relocs));
		return -EINVAL;
	}
	return 0;
}

/*
 * Export @r of the module @r->exporter, which module @mod uses: its CRC
 * must be the one the patch was built against, as the module loader
 * requires of @mod's own references (check_version()).
 */
static int lkhp_export_resolve(struct lkhp_entry *e, struct module *mod,
			       const struct lkhp_patch_reloc *r,
			       unsigned long *addr)
{
	u32 crc;
	int ret = lkhp_module_export(mod, r->exporter, r->sym_name, addr, &crc);

	if (ret == -ENOLINK) {
		lkhp_fail("%s: refused: %s is an export of module %s, which module %s does not use",
			  e->desc->name, r->sym_name, r->exporter, mod->name);
		return -ENOEXEC;
	}
	if (ret) {
		lkhp_fail("%s: refused: module %s does not export %s",
			  e->desc->name, r->exporter, r->sym_name);
		return -ENOEXEC;
	}
	if (crc != r->crc) {
		lkhp_fail("%s: refused: %s of module %s has version %#x, the patch was built for %#x: another build of the module",
			  e->desc->name, r->sym_name, r->exporter, crc, r->crc);
		return -ENOEXEC;
	}
	return 0;
}

static int lkhp_reloc_apply(struct lkhp_entry *e, struct lkhp_obj *obj,
			    const struct lkhp_patch_reloc *r)
{
	struct lkhp_symref ref = {
		.name = r->sym_name, .secname = r->secname,
		.sympos = r->sympos, .addr = r->sym_addr, .size = r->sym_size,
		.data = r->flags & LKHP_RELOC_DATA,
	};
	unsigned long place = (unsigned long)r->place, sym;
	u32 val;
	int ret;

	ret = r->exporter ? lkhp_export_resolve(e, obj->pub.mod, r, &sym) :
			    lkhp_resolve_sym(e, obj, &ref, &sym);
	if (ret)
		return ret;
	val = sym + r->addend;
	if (r->type == LKHP_R_386_PC32)
		val -= place;
	return lkhp_text_write(place, &val, sizeof(val));
}

/*
 * Resolve @obj of @e, whose module is @mod (NULL for vmlinux): its
 * functions' sites, then its relocations, then its static branches on the
 * module's keys once the kernel has set the module's own (else
 * lkhp_module_keys() links them). On failure nothing of @obj stays
 * resolved; the relocations only touched the patch module.
 */
int lkhp_object_resolve(struct lkhp_entry *e, struct lkhp_obj *obj,
			struct module *mod)
{
	const struct lkhp_patch *p = e->desc;
	unsigned int i;
	int ret = 0;

	lockdep_assert_held(&lkhp_mutex);
	obj->pub.name = obj->name[0] ? obj->name : NULL;
	obj->pub.mod = mod;
	obj->loaded = true;
	for (i = 0; !ret && i < e->nr_funcs; i++) {
		if (e->funcs[i].obj == obj)
			ret = lkhp_func_resolve(e, &e->funcs[i]);
	}
	for (i = 0; !ret && i < p->nr_relocs; i++) {
		if (lkhp_object_find(e, p->relocs[i].objname) == obj)
			ret = lkhp_reloc_apply(e, obj, &p->relocs[i]);
	}
	if (!ret && mod && lkhp_module_keys_ready(mod))
		ret = lkhp_jumps_link(e, obj);
	if (ret)
		lkhp_object_release(e, obj);
	return ret;
}

/*
 * Give back the sites of @obj's functions (none may be active) and unlink
 * its static branches.
 */
void lkhp_object_release(struct lkhp_entry *e, struct lkhp_obj *obj)
{
	unsigned int i;

	lockdep_assert_held(&lkhp_mutex);
	lkhp_jumps_unlink(obj);
	lkhp_init_release(e, obj);
	for (i = 0; i < e->nr_funcs; i++) {
		if (e->funcs[i].obj == obj)
			lkhp_site_put(&e->funcs[i]);
	}
	obj->pub.mod = NULL;
	obj->loaded = false;
}

/*
 * Move vmlinux to the front of @e's objects, the modules keeping their
 * order, before anything holds an object's address but its functions.
 */
static void lkhp_objects_vmlinux_first(struct lkhp_entry *e)
{
	struct lkhp_obj *v = lkhp_object_find(e, ""), tmp;
	unsigned int i, k;

	if (!v || v == e->objs)
		return;
	k = v - e->objs;
	tmp = *v;
	memmove(e->objs + 1, e->objs, k * sizeof(*v));
	e->objs[0] = tmp;
	for (i = 0; i < e->nr_funcs; i++) {
		struct lkhp_func *f = &e->funcs[i];

		if (f->obj == v)
			f->obj = e->objs;
		else if (f->obj < v)
			f->obj++;
	}
}

/*
 * Check every function, callback and relocation record of @e, then resolve vmlinux
 * and each target module that is loaded; the others wait. On failure
 * nothing stays resolved.
 */
int lkhp_patch_resolve(struct lkhp_entry *e)
{
	const struct lkhp_patch *p = e->desc;
	struct lkhp_obj *obj;
	struct module *mod;
	const char *shown;
	unsigned int i;
	int ret;

	lockdep_assert_held(&lkhp_mutex);
	if (!lkhp_symbol_at((unsigned long)&_printk, &shown) ||
	    !lkhp_is_named(p, shown, LKHP_ANCHOR_SYMBOL, p->anchor_addr) ||
	    !p->anchor_addr || !p->data_anchor_addr) {
		lkhp_fail("%s: refused: no KASLR anchor", p->name);
		return -EINVAL;
	}
	if ((unsigned long)&init_uts_ns - p->data_anchor_addr != lkhp_kaslr(p)) {
		lkhp_fail("%s: refused: %s is at %#lx, the patch's vmlinux puts it at %#x + %#lx: built for another kernel image",
			  p->name, LKHP_DATA_ANCHOR_SYMBOL,
			  (unsigned long)&init_uts_ns, p->data_anchor_addr,
			  lkhp_kaslr(p));
		return -ENOEXEC;
	}
	for (i = 0; i < p->nr_funcs; i++) {
		e->funcs[i].desc = &p->funcs[i];
		e->funcs[i].patch = e;
		ret = lkhp_func_check(e, &e->funcs[i]);
		if (!ret)
			ret = lkhp_object_get(e, &e->funcs[i]);
		if (ret)
			return ret;
	}
	/* callbacks may add objects the relocations then name */
	ret = lkhp_callbacks_check(e);
	if (ret)
		return ret;
	for (i = 0; i < p->nr_relocs; i++) {
		ret = lkhp_reloc_check(e, &p->relocs[i]);
		if (ret)
			return ret;
	}
	lkhp_objects_vmlinux_first(e);
	ret = lkhp_jumps_check(e);
	if (ret)
		return ret;
	for (i = 0; i < e->nr_objs; i++) {
		obj = &e->objs[i];
		mod = obj->name[0] ? lkhp_loaded_module(obj->name) : NULL;
		if (obj->name[0] && !mod)
			continue;
		ret = mod ? lkhp_init_refuse_loaded(e, obj) : 0;
		if (!ret)
			ret = lkhp_object_resolve(e, obj, mod);
		if (ret) {
			lkhp_patch_release(e);
			return ret;
		}
	}
	return 0;
}

/* Give back the sites of all @e's objects (none may be active). */
void lkhp_patch_release(struct lkhp_entry *e)
{
	unsigned int i;

	for (i = 0; i < e->nr_objs; i++)
		lkhp_object_release(e, &e->objs[i]);
}
