/*
 * The patch module's object: the linked object as elf.c read it, with the
 * LKHP relocations taken out (their fields already zeroed in the model),
 * the undefined symbols nothing refers to any more dropped (the module
 * loader refuses a module with an unresolvable symbol), and the symbols the
 * generated header names (__lkhp_func_N, __lkhp_sec_N) added.
 *
 * Sections keep their indexes, names (.shstrtab is copied) and contents,
 * so only the symbol table, its string table and the REL sections are
 * rebuilt.  lkhp-diff's output.c writes objects from its own pass state and
 * cannot be reused here without changing it.
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

struct wsym {
	Elf32_Sym *syms;
	size_t n;
	size_t *map;		/* old symbol index -> new, 0: dropped */
	char *str;		/* the old string table, then the added names */
	size_t strsize;
};

static int add_name(struct wsym *w, const char *name, uint32_t *at)
{
	size_t len = strlen(name) + 1;
	char *s = realloc(w->str, w->strsize + len);

	if (!s)
		return -1;
	w->str = s;
	memcpy(w->str + w->strsize, name, len);
	*at = (uint32_t)w->strsize;
	w->strsize += len;
	return 0;
}

static int add_global(struct wsym *w, const char *name, unsigned type, size_t shndx,
		      uint32_t value, uint32_t size)
{
	Elf32_Sym *s = &w->syms[w->n++];

	memset(s, 0, sizeof(*s));
	s->st_info = ELF32_ST_INFO(STB_GLOBAL, type);
	s->st_shndx = (Elf32_Half)shndx;
	s->st_value = value;
	s->st_size = size;
	return add_name(w, name, &s->st_name);
}

/* Old symbols that stay, in their order (locals first, as ELF requires). */
static void keep_symbols(struct mkpatch *mk, struct wsym *w)
{
	struct elf_obj *o = &mk->obj;
	bool *used = calloc(o->nsyms, sizeof(*used));
	size_t i, j;

	for (i = 1; used && i < o->nsecs; i++) {
		const struct section *sec = &o->secs[i];

		for (j = 0; j < sec->nrelocs; j++)
			if (!*reloc_dropped(mk, &sec->relocs[j]))
				used[sec->relocs[j].sym->idx] = true;
		/* a group's signature symbol must outlive the group */
		if (sec->sh.sh_type == SHT_GROUP && sec->sh.sh_info < o->nsyms)
			used[sec->sh.sh_info] = true;
	}
	w->n = 1;
	for (i = 1; i < o->nsyms; i++) {
		const struct symbol *s = &o->syms[i];
		Elf32_Sym *es = &w->syms[w->n];

		if (s->sym.st_shndx == SHN_UNDEF && !(used && used[i]))
			continue;
		w->map[i] = w->n++;
		es->st_name = (Elf32_Word)s->sym.st_name;
		es->st_value = (Elf32_Addr)s->sym.st_value;
		es->st_size = (Elf32_Word)s->sym.st_size;
		es->st_info = s->sym.st_info;
		es->st_other = s->sym.st_other;
		es->st_shndx = (Elf32_Half)s->sym.st_shndx;
	}
	free(used);
}

static int build_symbols(struct mkpatch *mk, struct wsym *w)
{
	struct elf_obj *o = &mk->obj;
	const struct section *strs = &o->secs[o->symtab->sh.sh_link];
	char name[64];
	size_t i;

	w->syms = calloc(o->nsyms + mk->nfuncs + o->nsecs + 1, sizeof(*w->syms));
	w->map = calloc(o->nsyms, sizeof(*w->map));
	/* old names keep their offsets: dropped ones just stay unreferenced */
	w->str = malloc(strs->size ? strs->size : 1);
	if (!w->syms || !w->map || !w->str)
		return -1;
	memcpy(w->str, strs->data, strs->size);
	w->strsize = strs->size;

	keep_symbols(mk, w);
	for (i = 0; i < mk->nfuncs; i++) {
		const struct symbol *f = mk->funcs[i].new_func;

		snprintf(name, sizeof(name), "__lkhp_func_%zu", i);
		if (add_global(w, name, STT_FUNC, f->sec->idx, (uint32_t)f->sym.st_value,
			       (uint32_t)f->sym.st_size))
			return -1;
	}
	/*
	 * A place is named as its section's start plus an offset: a symbol
	 * inside a function would be what kallsyms names the code after it
	 * (a WARN in version_proc_show() printed as __lkhp_place_0+0x21).
	 */
	for (i = 1; i < o->nsecs; i++) {
		if (!mk->has_place[i])
			continue;
		snprintf(name, sizeof(name), LKHP_SEC_SYM "%zu", i);
		if (add_global(w, name, STT_NOTYPE, i, 0, 0))
			return -1;
	}
	return 0;
}

static size_t first_global(const struct wsym *w)
{
	size_t i = 1;

	while (i < w->n && ELF32_ST_BIND(w->syms[i].st_info) == STB_LOCAL)
		i++;
	return i;
}

/* The kept relocations of the section rs applies to, as an Elf32_Rel array. */
static Elf32_Rel *build_rels(struct mkpatch *mk, const struct section *rs,
			     const struct wsym *w, size_t *n)
{
	const struct section *base = rs->base;
	Elf32_Rel *rels = calloc(base->nrelocs + 1, sizeof(*rels));
	size_t j;

	*n = 0;
	for (j = 0; rels && j < base->nrelocs; j++) {
		const struct reloc *r = &base->relocs[j];

		if (*reloc_dropped(mk, r))
			continue;
		rels[*n].r_offset = r->offset;
		rels[(*n)++].r_info = ELF32_R_INFO(w->map[r->sym->idx], r->type);
	}
	return rels;
}

static int add_scn(Elf *e, GElf_Shdr *sh, void *buf, size_t size, Elf_Type type)
{
	Elf_Scn *scn = elf_newscn(e);
	Elf_Data *d = scn ? elf_newdata(scn) : NULL;

	if (!d)
		return -1;
	d->d_buf = buf;
	d->d_size = size;
	d->d_type = type;
	d->d_align = sh->sh_addralign ? sh->sh_addralign : 1;
	d->d_version = EV_CURRENT;
	sh->sh_size = size;
	return gelf_update_shdr(scn, sh) ? 0 : -1;
}

int write_object(struct mkpatch *mk, int fd)
{
	struct elf_obj *o = &mk->obj;
	struct wsym w = { 0 };
	void **bufs = calloc(o->nsecs, sizeof(*bufs));
	GElf_Ehdr oeh, eh;
	Elf *e = NULL;
	size_t i, strndx = o->symtab->sh.sh_link, shstrndx;
	int ret = -1;

	if (!bufs || build_symbols(mk, &w))
		goto oom;
	if (!gelf_getehdr(o->elf, &oeh) || elf_getshdrstrndx(o->elf, &shstrndx) ||
	    !(e = elf_begin(fd, ELF_C_WRITE, NULL)) || !gelf_newehdr(e, ELFCLASS32) ||
	    !gelf_getehdr(e, &eh))
		goto elf_err;
	memcpy(eh.e_ident, oeh.e_ident, EI_NIDENT);
	eh.e_type = oeh.e_type;
	eh.e_machine = oeh.e_machine;
	eh.e_version = oeh.e_version;
	eh.e_flags = oeh.e_flags;
	eh.e_shstrndx = (Elf32_Half)shstrndx;
	if (!gelf_update_ehdr(e, &eh))
		goto elf_err;

	/* the same sections in the same order: indexes in symbols stay valid */
	for (i = 1; i < o->nsecs; i++) {
		struct section *sec = &o->secs[i];
		GElf_Shdr sh = sec->sh;
		void *buf = sec->data;
		size_t size = sec->size;
		Elf_Type type = ELF_T_BYTE;

		if (sec == o->symtab) {
			buf = w.syms;
			size = w.n * sizeof(*w.syms);
			type = ELF_T_SYM;
			sh.sh_info = (Elf32_Word)first_global(&w);
		} else if (i == strndx) {
			buf = w.str;
			size = w.strsize;
		} else if (sec->sh.sh_type == SHT_REL) {
			size_t n;

			buf = bufs[i] = build_rels(mk, sec, &w, &n);
			if (!buf)
				goto oom;
			size = n * sizeof(Elf32_Rel);
			type = ELF_T_REL;
		} else if (sec->sh.sh_type == SHT_GROUP) {
			sh.sh_info = (Elf32_Word)w.map[sec->sh.sh_info < o->nsyms ?
						       sec->sh.sh_info : 0];
			type = ELF_T_WORD;
		} else if (sec->sh.sh_type == SHT_NOBITS) {
			buf = NULL;
		}
		if (add_scn(e, &sh, buf, size, type))
			goto elf_err;
	}
	if (elf_update(e, ELF_C_WRITE) < 0)
		goto elf_err;
	ret = 0;
	goto out;
oom:
	ERROR(mk->out_path, "out of memory");
	goto out;
elf_err:
	ERROR(mk->out_path, "writing: %s", elf_errmsg(-1));
out:
	if (e)
		elf_end(e);
	for (i = 0; bufs && i < o->nsecs; i++)
		free(bufs[i]);
	free(bufs);
	free(w.syms);
	free(w.map);
	free(w.str);
	return ret;
}
