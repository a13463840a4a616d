/*
 * The patch module's object, built from the linked object through the
 * model's writer (../elf-write.c): every section with its contents, the
 * symbols that stay, the relocations that stay, and the symbols the
 * generated header names (__lkhp_func_N, __lkhp_sec_N, __lkhp_callbacks)
 * added.  Taken out: the sections only lkhp-mkpatch reads (macros.c),
 * the LKHP relocations (their fields already zeroed in the model) and the
 * undefined symbols nothing refers to any more (the module loader refuses
 * a module with an unresolvable symbol).
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

/* Sections the writer makes itself, and the ones it cannot carry. */
static int copy_sections(struct mkpatch *mk, struct elf_out *eo)
{
	struct elf_obj *o = &mk->obj;
	size_t i;

	for (i = 1; i < o->nsecs; i++) {
		struct section *sec = &o->secs[i];
		unsigned type = sec->sh.sh_type;

		if (type == SHT_REL || type == SHT_SYMTAB || type == SHT_STRTAB ||
		    !strcmp(sec->name, ".note.GNU-stack") || dropped_section(sec))
			continue;
		if (sec == mk->jump_sec) {
			if (copy_jump_table(mk, eo, sec))
				return -1;
			continue;
		}
		if (type == SHT_GROUP || sec->sh.sh_link) {
			ERROR(mk->out_path, "%s: a section group or linked section cannot be "
			      "carried", sec->name);
			return -1;
		}
		mk->out_sec[i] = eo_section(eo, sec->name, &sec->sh);
		if (mk->out_sec[i])
			eo_append(eo, mk->out_sec[i], sec->data, sec->size, 1);
	}
	return 0;
}

/* Undefined symbols a kept relocation still uses. */
static bool *used_symbols(struct mkpatch *mk)
{
	struct elf_obj *o = &mk->obj;
	bool *used = calloc(o->nsyms, sizeof(*used));
	size_t i, j;

	for (i = 1; used && i < o->nsecs; i++)
		for (j = 0; j < o->secs[i].nrelocs; j++)
			if (!*reloc_dropped(mk, &o->secs[i].relocs[j]))
				used[o->secs[i].relocs[j].sym->idx] = true;
	return used;
}

/* The old symbols that stay; map: old index -> new, 0: dropped. */
static int copy_symbols(struct mkpatch *mk, struct elf_out *eo, size_t *map)
{
	struct elf_obj *o = &mk->obj;
	bool *used = used_symbols(mk);
	size_t i;

	if (!used)
		return -1;
	for (i = 1; i < o->nsyms; i++) {
		const struct symbol *s = &o->syms[i];
		uint16_t shndx = s->sym.st_shndx;

		if (s->type == STT_SECTION) {
			map[i] = s->sec && mk->out_sec[s->sec->idx] ?
				 eo_section_symbol(eo, mk->out_sec[s->sec->idx]) : 0;
			continue;
		}
		if ((shndx == SHN_UNDEF && !used[i]) || (s->sec && dropped_section(s->sec)))
			continue;
		if (s->type == STT_FILE) {
			map[i] = eo_symbol(eo, s->name, NULL, STB_LOCAL, STT_FILE, 0, 0, 0);
			continue;
		}
		if (shndx != SHN_UNDEF && (!s->sec || !mk->out_sec[s->sec->idx])) {
			ERROR(mk->out_path, "%s: a symbol outside the sections carried", s->name);
			free(used);
			return -1;
		}
		map[i] = eo_symbol(eo, s->name, NULL, s->bind, s->type,
				   s->sec ? mk->out_sec[s->sec->idx] : 0, s->sym.st_value,
				   s->sym.st_size);
		if (map[i])
			eo->syms[map[i]].other = s->sym.st_other;
	}
	free(used);
	return 0;
}

/* The globals the header reaches the object by. */
static void add_header_symbols(struct mkpatch *mk, struct elf_out *eo)
{
	char name[64];
	size_t i;

	for (i = 0; i < mk->nfuncs; i++) {
		const struct symbol *f = mk->funcs[i].new_func;
		char *n;

		snprintf(name, sizeof(name), "__lkhp_func_%zu", i);
		n = strdup(name);
		if (!n) {
			eo->oom = true;
			return;
		}
		eo_symbol(eo, NULL, n, STB_GLOBAL, STT_FUNC, mk->out_sec[f->sec->idx],
			  f->sym.st_value, f->sym.st_size);
	}
	if (mk->ncallbacks) {
		const struct section *cb = find_section(&mk->obj, LKHP_CALLBACK_SECTION);

		eo_symbol(eo, LKHP_CALLBACKS_SYM, NULL, STB_GLOBAL, STT_OBJECT,
			  mk->out_sec[cb->idx], 0, cb->size);
	}
	/*
	 * A place is named as its section's start plus an offset: a symbol
	 * inside a function would be what kallsyms names the code after it
	 * (a WARN in version_proc_show() printed as __lkhp_place_0+0x21).
	 * A module's jump table is named by its start too (jumps.c).
	 */
	for (i = 1; i < mk->obj.nsecs + mk->njump_tables; i++) {
		size_t out = i < mk->obj.nsecs ? mk->out_sec[i] :
			     mk->jump_tables[i - mk->obj.nsecs].out_sec;
		char *n;

		if (i < mk->obj.nsecs && !mk->has_place[i])
			continue;
		snprintf(name, sizeof(name), LKHP_SEC_SYM "%zu", out);
		n = strdup(name);
		if (!n) {
			eo->oom = true;
			return;
		}
		eo_symbol(eo, NULL, n, STB_GLOBAL, STT_NOTYPE, out, 0, 0);
	}
}

int build_object(struct mkpatch *mk, struct elf_out *eo)
{
	struct elf_obj *o = &mk->obj;
	size_t *map = calloc(o->nsyms, sizeof(*map)), i, j;
	int ret = -1;

	mk->out_sec = calloc(o->nsecs, sizeof(*mk->out_sec));
	if (!map || !mk->out_sec || copy_sections(mk, eo) || copy_symbols(mk, eo, map))
		goto out;
	add_header_symbols(mk, eo);
	for (i = 1; i < o->nsecs; i++) {
		const struct section *sec = &o->secs[i];

		for (j = 0; (mk->out_sec[i] || sec == mk->jump_sec) && j < sec->nrelocs; j++) {
			const struct reloc *r = &sec->relocs[j];
			size_t out;
			uint32_t off;

			if (*reloc_dropped(mk, r))
				continue;
			/* symbol 0 would make it an absolute address: never written */
			if (!map[r->sym->idx]) {
				ERROR(mk->out_path, "%s+0x%lx: a relocation to %s, which is not "
				      "carried", sec->name, (unsigned long)r->offset,
				      r->sym->name);
				goto out;
			}
			out_place(mk, sec, r->offset, &out, &off);
			eo_reloc(eo, out, off, r->type, map[r->sym->idx], r->addend);
		}
	}
	ret = eo->oom ? -1 : 0;
out:
	if (ret && (eo->oom || !map || !mk->out_sec))
		ERROR(mk->out_path, "out of memory");
	free(map);
	return ret;
}
