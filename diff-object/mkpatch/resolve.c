/*
 * The two tables of a patch, computed from the linked object and the
 * targets (vmlinux, the modules of --module): which functions it replaces,
 * and which of its references to the kernel the runtime (not the module
 * loader) must resolve.  An input's functions and references are its own
 * target's; a module object may also use vmlinux and the exports of the
 * modules its module depends on.
 */
#include <stdlib.h>
#include <string.h>

#include "../arch.h"
#include "mkpatch.h"

/*
 * Sections the module loader reads before it announces the module
 * (MODULE_STATE_COMING), when lkhp.ko resolves the patch: their
 * relocations must be resolved by the loader, i.e. name exported symbols.
 * .altinstr_replacement is copied over the code by apply_alternatives()
 * at load time, so a field in it must be final by then too. __jump_table
 * and .static_call_sites are read by notifiers that run after lkhp.ko's.
 */
static const char *const loader_sections[] = {
	".altinstructions", ".altinstr_replacement", ".parainstructions",
	"__bug_table", "__ex_table", ".smp_locks", "__mcount_loc", NULL,
};

/*
 * Sections the kernel reads when the patch module itself is announced:
 * lkhp.ko resolves the patch then, but a module's symbols only once that
 * module is loaded, which may be later.  A __jump_table entry on a
 * module's key moves out of __jump_table instead (jumps.c); i386 has no
 * .static_call_sites (inline static calls need objtool, x86_64 only): a
 * static call is a call to the trampoline, an ordinary relocation.
 */
static const char *const coming_sections[] = {
	".static_call_sites", NULL,
};

static bool in_list(const char *const *list, const char *name)
{
	size_t i;

	for (i = 0; list[i]; i++)
		if (!strcmp(name, list[i]))
			return true;
	return false;
}

/* "NAME" or "NAME (FILE)", for messages. */
static const char *display(const struct kref *k, char *buf, size_t len)
{
	if (!k->file)
		return k->name;
	snprintf(buf, len, "%s (%s)", k->name, k->file);
	return buf;
}

/* A new zeroed last element of a table of mk (one entry per symbol: no
 * amortized growth needed). */
static void *append(struct mkpatch *mk, void **arr, size_t *n, size_t elem)
{
	char *a = realloc(*arr, (*n + 1) * elem);

	if (!a) {
		ERROR(mk->out_path, "out of memory");
		return NULL;
	}
	*arr = a;
	memset(a + *n * elem, 0, elem);
	return a + (*n)++ * elem;
}

static void refuse_lookup(const char *obj, const struct kref *k, enum lookup r)
{
	char buf[512];

	UNSUPPORTED(obj, display(k, buf, sizeof(buf)), "%s " TARGET_FMT "%s",
		    r == LOOKUP_ERROR ? "out of memory looking it up in" :
		    r == AMBIGUOUS ? "ambiguous in" : "not found in", TARGET_ARG(k->t),
		    r == AMBIGUOUS ? " (several symbols match)" : "");
}

/*
 * The redirect that fits at the site: the ljmp (the runtime's contract,
 * docs/runtime.md), else the 5-byte jmp rel32, else none (0).  A static
 * branch (a tracepoint or static key at the top of the function) under the
 * redirect would be rewritten by the kernel over it when its key changes,
 * and 6.1's jump_label BUG()s on the bytes it finds: objdump of
 * __mmap_lock_do_trace_released shows "call __fentry__" at +0 and the
 * branch "3e 8d 74 26 00" at +5; a pr_debug() on the first line puts it at
 * +11 (__mptcp_destroy_sock), past the jmp.  *branch: the branch in the
 * way, if that is why neither fits.
 */
static uint32_t redirect_len(const struct kref *k, uint32_t site, uint32_t *branch)
{
	static const uint32_t lens[] = { LKHP_LJMP_SIZE, LKHP_JMP_SIZE };
	size_t i;

	*branch = 0;
	for (i = 0; i < sizeof(lens) / sizeof(lens[0]); i++) {
		uint32_t jump;

		if (k->vs->size < site + lens[i])
			continue;
		jump = target_jump_site_in(k->t, k->vs->value + site, lens[i]);
		if (!jump)
			return lens[i];
		*branch = jump;
	}
	return 0;
}

static int add_func(struct mkpatch *mk, struct symbol *s, const struct kref *k)
{
	struct mk_func *f;
	char buf[512];
	size_t i;
	uint32_t len, branch;
	uint32_t site = target_has_fentry(k->t, k->vs->value) ? LKHP_SITE_FENTRY
							      : LKHP_SITE_ENTRY;

	/* by address, as lkhp.ko tells them apart: an alias is the same function */
	for (i = 0; i < mk->nfuncs; i++)
		if (mk->funcs[i].old.t == k->t && mk->funcs[i].old.vs->value == k->vs->value) {
			UNSUPPORTED(blame(mk, s->name, true), display(k, buf, sizeof(buf)),
				    "replaced twice (by %s and %s)", mk->funcs[i].new_func->name,
				    s->name);
			return -1;
		}
	len = redirect_len(k, site, &branch);
	if (!len && branch) {
		UNSUPPORTED(blame(mk, s->name, true), display(k, buf, sizeof(buf)),
			    "a static branch (tracepoint or static key) at +%u is inside the "
			    "%u-byte jump at +%u: the kernel would rewrite it there; patch the "
			    "callers instead", branch - k->vs->value, LKHP_JMP_SIZE, site);
		return -1;
	}
	if (!len) {
		UNSUPPORTED(blame(mk, s->name, true), display(k, buf, sizeof(buf)),
			    "too small to patch: %u bytes, the %u-byte jump goes at +%u",
			    k->vs->size, LKHP_JMP_SIZE, site);
		return -1;
	}
	f = append(mk, (void **)&mk->funcs, &mk->nfuncs, sizeof(*f));
	if (!f)
		return -1;
	f->old = *k;
	f->new_func = s;
	f->site_offset = site;
	f->near_jump = len == LKHP_JMP_SIZE;
	/* lkhp-diff -m carries a module's __init code: lkhp.ko patches it as the module loads */
	f->init = k->t->name && k->vs->sec && sec_is_init(k->vs->sec);
	return 0;
}

/*
 * A function of the patch replaces its target's function of the same name
 * (a static: of the same name and source file).  lkhp-diff gives a changed
 * gcc clone the original object's name; should the running kernel's build
 * have numbered it differently, the one clone of the same un-numbered name
 * in that file is the one.  Anything else is a new function.
 */
static int match_func(struct mkpatch *mk, struct symbol *s)
{
	struct kref k = { .name = s->name, .t = defining_target(mk, s) };
	enum lookup r;
	char buf[512];

	if (!k.t)
		return -1;
	if (s->bind != STB_LOCAL) {
		r = target_global(k.t, s->name, true, &k.vs);
	} else if (!s->file) {
		r = NOT_FOUND;		/* a static of no file is nothing of the kernel */
	} else {
		k.file = s->file;
		r = target_local(k.t, s->file, s->name, true, false, &k.vs);
		if (r == NOT_FOUND && strcmp(s->key, s->name))
			r = target_local(k.t, s->file, s->key, true, true, &k.vs);
	}
	if (r == AMBIGUOUS || r == LOOKUP_ERROR) {
		refuse_lookup(blame(mk, s->name, true), &k, r);
		return -1;
	}
	if (r == NOT_FOUND) {
		if (mk->debug)
			printf("new function: %s\n", display(&k, buf, sizeof(buf)));
		return 0;
	}
	k.name = k.vs->name;
	k.sympos = target_sympos(k.t, k.vs);
	return add_func(mk, s, &k);
}

int find_functions(struct mkpatch *mk)
{
	size_t i;
	int ret = 0;

	for (i = 1; i < mk->obj.nsyms; i++) {
		struct symbol *s = &mk->obj.syms[i];

		/* foo.cold moves with foo, never alone */
		if (!sym_is_func(s) || cold_parent_len(s->name))
			continue;
		if (match_func(mk, s))
			ret = -1;
	}
	return ret;
}

/* The kernel symbol behind an undefined NAME or __lkhp_local/FILE/NAME. */
static int parse_kref(const char *sym, struct kref *k, char **owned)
{
	const char *slash;

	*owned = NULL;
	memset(k, 0, sizeof(*k));
	if (strncmp(sym, LKHP_LOCAL_PREFIX, strlen(LKHP_LOCAL_PREFIX))) {
		k->name = sym;
		return 0;
	}
	sym += strlen(LKHP_LOCAL_PREFIX);
	slash = strrchr(sym, '/');
	if (!slash || slash == sym || !slash[1])
		return -1;
	*owned = strndup(sym, (size_t)(slash - sym));
	if (!*owned)
		return -1;
	k->file = *owned;
	k->name = slash + 1;
	return 0;
}

static int mk_type(uint32_t type)
{
	switch (type) {
	case R_386_32:
		return LKHP_R_386_32;
	case R_386_PC32:
	case R_386_PLT32:	/* the kernel is not PIC: a PLT32 call is a PC32 one */
		return LKHP_R_386_PC32;
	default:
		return -1;
	}
}

static int add_reloc(struct mkpatch *mk, struct reloc *r, const struct kref *k, int type)
{
	struct mk_reloc *m = append(mk, (void **)&mk->relocs, &mk->nrelocs, sizeof(*m));

	if (!m)
		return -1;
	m->sym = *k;
	m->undef = r->sym->name;
	m->sec = r->sec;
	m->offset = r->offset;
	m->type = (uint32_t)type;
	m->addend = r->addend;
	/* a moved jump entry's place is named by its table (jumps.c) */
	if (!jump_moved(mk, r->sec, r->offset))
		mk->has_place[r->sec->idx] = true;
	/* the runtime writes the whole field; zero it so nothing stale remains */
	arch_write_addend(r->sec->data + r->offset, r->width, 0);
	*reloc_dropped(mk, r) = true;
	return 0;
}

/*
 * Another module's export, for the objects of t: lkhp.ko resolves it when
 * t is announced (k->export), which t's own dependency on the exporter
 * makes safe (the loader has resolved t's references to it: it is loaded,
 * and cannot go before t).  The patch module itself must not depend on the
 * exporter (the loader would need it loaded, and it would stay pinned).  So
 * a module t does not list in depends= (modpost's: the modules whose exports
 * t imports; the loader loads those, not theirs in turn) is refused, and the
 * CRC of Module.symvers, which lkhp.ko checks, must be the one t was built
 * against (its __versions) when t already imports the symbol.
 */
static int module_export(struct mkpatch *mk, struct target *t, const char *obj,
			 struct kref *k, const struct symvers_ent *e)
{
	char buf[512];
	uint32_t crc;

	if (!t->name) {
		UNSUPPORTED(obj, display(k, buf, sizeof(buf)), "an export of module %s: objects "
			    "of vmlinux may only refer to vmlinux", e->module);
		return -1;
	}
	if (!module_depends_on(t, e->module)) {
		UNSUPPORTED(obj, display(k, buf, sizeof(buf)), "an export of module %s: the patch "
			    "would make %s depend on %s, which it does not (modinfo depends=)",
			    e->module, t->name, e->module);
		return -1;
	}
	if (module_import_crc(t, k->name, &crc) == FOUND && crc != e->crc) {
		UNSUPPORTED(obj, display(k, buf, sizeof(buf)), "an export of module %s of version "
			    "0x%08x in %s, but module %s was built against 0x%08x: not this "
			    "kernel's Module.symvers", e->module, e->crc, mk->symvers_path,
			    t->name, crc);
		return -1;
	}
	k->export = e;
	return 0;
}

/*
 * Whose symbol the undefined k->name is for the objects of t: a module's
 * own symbol is the module's, exported or not (the patch must load while
 * the module is not, so the loader must not resolve it); another module's
 * export is that module's (module_export()); anything else is vmlinux's,
 * left to the loader (k->vs NULL) when vmlinux exports it.  lkhp.ko's
 * exports (lkhp_shadow_*) are left to the loader too: the patch module
 * needs lkhp.ko loaded anyway.  Another module's non-exported symbol is
 * refused.
 */
static int resolve_for(struct mkpatch *mk, struct target *t, const char *name,
		       struct kref *k)
{
	const struct symvers_ent *e = k->file ? NULL : symvers_find(&mk->sv, k->name);
	const char *obj = input_referring(mk, t, name) ?: blame(mk, name, false);
	const char *owner = NULL;
	enum lookup r = NOT_FOUND;
	char buf[512];
	size_t i;

	k->t = t;
	k->vs = NULL;
	k->export = NULL;
	if (t != &mk->vm) {
		r = k->file ? target_local(t, k->file, k->name, false, false, &k->vs)
			    : target_global(t, k->name, false, &k->vs);
		if (r == FOUND)
			return 0;
		if (r != NOT_FOUND || k->file) {
			refuse_lookup(obj, k, r);
			return -1;
		}
	}
	if (e && e->module)
		return module_export(mk, t, obj, k, e);
	if (e || (!k->file && symvers_find(&mk->runtime_sv, k->name)))
		return 0;
	k->t = &mk->vm;
	r = k->file ? target_local(k->t, k->file, k->name, false, false, &k->vs)
		    : target_global(k->t, k->name, false, &k->vs);
	if (r == FOUND)
		return 0;
	/* not vmlinux's: another module's, not exported (--module says) */
	for (i = 0; !k->file && i < mk->nmods; i++)
		if (&mk->mods[i] != t &&
		    target_global(&mk->mods[i], k->name, false, &k->vs) != NOT_FOUND)
			owner = mk->mods[i].name;
	if (owner) {
		UNSUPPORTED(obj, display(k, buf, sizeof(buf)),
			    "a symbol module %s does not export: objects of " TARGET_FMT " may "
			    "only refer to vmlinux%s", owner, TARGET_ARG(t),
			    t->name ? ", their module and the exports of the modules it depends on"
				    : "");
		return -1;
	}
	refuse_lookup(obj, k, r);
	return -1;
}

/*
 * The kernel symbol behind an undefined name, for every target whose
 * objects refer to it: ld -r merged their references into one symbol, so
 * they must all mean the same one.
 */
static int resolve_undef(struct mkpatch *mk, const char *name, struct kref *k)
{
	struct kref first = { NULL };
	bool any = false;
	size_t i;

	for (i = 0; i <= mk->nmods; i++) {
		struct target *t = i ? &mk->mods[i - 1] : &mk->vm;

		if (!input_referring(mk, t, name))
			continue;
		if (resolve_for(mk, t, name, k))
			return -1;
		/* an export: the relocation is resolved with one module */
		if (any && (k->vs != first.vs || k->export != first.export ||
			    (k->export && k->t != first.t))) {
			UNSUPPORTED(input_referring(mk, t, name), name, "means one symbol to objects of "
				    TARGET_FMT " and another to objects of " TARGET_FMT ", and the "
				    "patch object has one name for both", TARGET_ARG(first.t),
				    TARGET_ARG(t));
			return -1;
		}
		first = *k;
		any = true;
	}
	if (!any)	/* no input refers to it (ld -r adds no such name): vmlinux's */
		return resolve_for(mk, &mk->vm, name, k);
	*k = first;
	return 0;
}

/*
 * One relocation to an undefined symbol: left to the module loader when it
 * names an export of vmlinux, else an LKHP relocation (or a refusal).
 */
static int kernel_reloc(struct mkpatch *mk, struct reloc *r)
{
	const char *name = r->sym->name, *sec = r->sec->name;
	struct kref k;
	char *file, buf[512];
	int type = mk_type(r->type), ret = -1;

	if (parse_kref(name, &k, &file)) {
		UNSUPPORTED(blame(mk, name, false), name, "malformed kernel static name");
		return -1;
	}
	if (resolve_undef(mk, name, &k)) {
		free(file);
		return -1;
	}
	if (!k.vs && !k.export) {
		free(file);
		return 0;
	}
	if (in_list(loader_sections, sec)) {
		UNSUPPORTED(blame(mk, name, false), display(&k, buf, sizeof(buf)),
			    "referenced from %s, which the module loader processes before "
			    "the patch can resolve a non-exported symbol", sec);
	} else if (k.t->name && !strcmp(sec, "__jump_table") && type >= 0 && r->width == 4) {
		if (!jump_entry_move(mk, r, k.t)) {
			k.sympos = target_sympos(k.t, k.vs);
			ret = add_reloc(mk, r, &k, type);
			file = NULL;
		}
	} else if (k.t->name && in_list(coming_sections, sec)) {
		UNSUPPORTED(blame(mk, name, false), display(&k, buf, sizeof(buf)),
			    "a symbol of module %s referenced from %s, which the kernel reads "
			    "when the patch loads, while %s may not be loaded", k.t->name, sec,
			    k.t->name);
	} else if (!(r->sec->sh.sh_flags & SHF_ALLOC)) {
		UNSUPPORTED(blame(mk, name, false), display(&k, buf, sizeof(buf)),
			    "referenced from %s, which is not loaded", sec);
	} else if (type < 0 || r->width != 4) {
		UNSUPPORTED(blame(mk, name, false), display(&k, buf, sizeof(buf)),
			    "unsupported relocation %s at %s+0x%x",
			    arch_reloc_name(r->type), sec, r->offset);
	} else {
		k.sympos = k.vs ? target_sympos(k.t, k.vs) : 0;
		ret = add_reloc(mk, r, &k, type);
		file = NULL;	/* now owned by the table */
	}
	free(file);
	return ret;
}

int find_relocs(struct mkpatch *mk)
{
	size_t i, j, total = 0;
	bool *refused;
	int ret = 0;

	mk->reloc_base = calloc(mk->obj.nsecs, sizeof(*mk->reloc_base));
	for (i = 0; mk->reloc_base && i < mk->obj.nsecs; i++) {
		mk->reloc_base[i] = total;
		total += mk->obj.secs[i].nrelocs;
	}
	mk->drop_reloc = calloc(total ? total : 1, sizeof(*mk->drop_reloc));
	mk->has_place = calloc(mk->obj.nsecs, sizeof(*mk->has_place));
	refused = calloc(mk->obj.nsyms, sizeof(*refused));
	if (!mk->reloc_base || !mk->drop_reloc || !mk->has_place || !refused) {
		free(refused);
		ERROR(mk->out_path, "out of memory");
		return -1;
	}
	for (i = 1; i < mk->obj.nsecs; i++) {
		struct section *sec = &mk->obj.secs[i];

		for (j = 0; !dropped_section(sec) && j < sec->nrelocs; j++) {
			struct reloc *r = &sec->relocs[j];

			if (r->sym->sym.st_shndx != SHN_UNDEF || refused[r->sym->idx])
				continue;
			/* one refusal per symbol, however often it is used */
			if (kernel_reloc(mk, r)) {
				refused[r->sym->idx] = true;
				ret = -1;
			}
		}
	}
	free(refused);
	return ret;
}

/*
 * The module loader rewrites alternative and paravirt sites in place
 * (apply_alternatives(), apply_paravirt()) before the patch's init applies
 * LKHP relocations: a field inside such a site would be written over
 * whichever instruction the loader chose.  {section, offset of the site's
 * length byte in an entry}; the entry's first relocation names the site.
 */
static const struct { const char *sec; unsigned len_off; } rewritten[] = {
	{ ".altinstructions", LKHP_ALT_INSTRLEN_OFF },
	{ ".parainstructions", LKHP_PARAVIRT_LEN_OFF },
};

static unsigned entry_size(const char *name)
{
	const struct special_desc *d;

	for (d = arch_specials; d->name; d++)
		if (!strcmp(d->name, name))
			return d->size;
	return 0;
}

/*
 * The first LKHP relocation at or after sec + off: find_relocs() made them
 * in section order, each section's by offset.
 */
static size_t first_reloc_from(const struct mkpatch *mk, const struct section *sec, int64_t off)
{
	size_t lo = 0, hi = mk->nrelocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		const struct mk_reloc *m = &mk->relocs[mid];

		if (m->sec->idx < sec->idx || (m->sec == sec && (int64_t)m->offset < off))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static void check_site(struct mkpatch *mk, const char *table, const struct reloc *r,
		       unsigned len)
{
	int64_t start = arch_reloc_target(r) +
			(r->sym->type == STT_SECTION ? 0 : (int64_t)r->sym->sym.st_value);
	char buf[512];
	size_t i;

	for (i = first_reloc_from(mk, r->sym->sec, start); i < mk->nrelocs; i++) {
		const struct mk_reloc *m = &mk->relocs[i];

		if (m->sec != r->sym->sec || (int64_t)m->offset >= start + len)
			break;
		UNSUPPORTED(blame(mk, m->undef, false),
			    display(&m->sym, buf, sizeof(buf)),
			    "referenced at %s+0x%x, inside code that %s rewrites when the "
			    "module loads", m->sec->name, m->offset, table);
	}
}

int check_rewritten_sites(struct mkpatch *mk)
{
	unsigned before = lkhp_refusals;
	size_t k, off;

	for (k = 0; k < sizeof(rewritten) / sizeof(rewritten[0]); k++) {
		const struct section *sec = find_section(&mk->obj, rewritten[k].sec);
		unsigned size = entry_size(rewritten[k].sec);

		if (!sec || !sec->data || !size)
			continue;
		for (off = 0; off + size <= sec->size; off += size) {
			size_t j = reloc_lower_bound(sec, off);

			if (j < sec->nrelocs && sec->relocs[j].offset == off &&
			    sec->relocs[j].sym->sec)
				check_site(mk, sec->name, &sec->relocs[j],
					   sec->data[off + rewritten[k].len_off]);
		}
	}
	return lkhp_refusals > before ? -1 : 0;
}
