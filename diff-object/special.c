/*
 * Special sections: tables whose entries belong to functions (arch_specials
 * describes each kind).  Splitting them into entries and finding each
 * entry's owner turns "keep this entry" into a question about a function.
 */
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

static size_t entry_size(struct elf_obj *obj, const struct special_desc *d)
{
	long sz;

	if (!d->dwarf_type)
		return d->size;
	sz = dwarf_struct_size(obj, d->dwarf_type);
	if (sz > 0) {
		NOTE(obj->path, "%s: entry size %ld from DWARF struct %s", d->name, sz,
		     d->dwarf_type);
		return (size_t)sz;
	}
	NOTE(obj->path, "%s: no DWARF for struct %s, arch entry size %u", d->name,
	     d->dwarf_type, d->size);
	return d->size;
}

static void find_owner(struct special_sec *ss, struct special_entry *e)
{
	struct section *sec = ss->sec;
	size_t at = e->offset + ss->desc->owner_off;
	size_t i = reloc_lower_bound(sec, at);
	struct reloc_target t;

	if (i >= sec->nrelocs || sec->relocs[i].offset != at)
		return;
	resolve_target(&sec->relocs[i], &t);
	if (t.sym && sym_is_func(t.sym)) {
		e->owner = t.sym;
		e->owner_off = t.off;
	}
}

static int read_one(struct elf_obj *obj, struct special_sec *ss)
{
	struct special_entry *tmp;
	size_t n = ss->sec->size / ss->entsize, i, *pos;

	ss->nents = n;
	ss->ents = calloc(n ? n : 1, sizeof(*ss->ents));
	tmp = calloc(n ? n : 1, sizeof(*tmp));
	ss->first = calloc(obj->nsyms, sizeof(*ss->first));
	ss->count = calloc(obj->nsyms, sizeof(*ss->count));
	pos = calloc(obj->nsyms, sizeof(*pos));
	if (!ss->ents || !tmp || !ss->first || !ss->count || !pos) {
		free(tmp);
		free(pos);
		return -1;
	}
	for (i = 0; i < n; i++) {
		tmp[i].offset = i * ss->entsize;
		find_owner(ss, &tmp[i]);
		/* symbol 0 never owns anything: it collects the orphans */
		ss->count[tmp[i].owner ? tmp[i].owner->idx : 0]++;
	}
	/* a counting sort keeps section order inside each owner */
	for (i = 1; i < obj->nsyms; i++)
		ss->first[i] = ss->first[i - 1] + ss->count[i - 1];
	memcpy(pos, ss->first, obj->nsyms * sizeof(*pos));
	for (i = 0; i < n; i++)
		ss->ents[pos[tmp[i].owner ? tmp[i].owner->idx : 0]++] = tmp[i];
	free(tmp);
	free(pos);
	return 0;
}

int special_read(struct elf_obj *obj)
{
	const struct special_desc *d;
	size_t n = 0;

	for (d = arch_specials; d->name; d++)
		n++;
	pass(obj)->specials = calloc(n, sizeof(*pass(obj)->specials));
	if (!pass(obj)->specials)
		return -1;
	for (d = arch_specials; d->name; d++) {
		struct section *sec = find_section(obj, d->name);
		struct special_sec *ss;

		if (!sec || !sec->data)
			continue;
		ss = &pass(obj)->specials[pass(obj)->nspecials++];
		ss->sec = sec;
		ss->desc = d;
		pass(sec)->special = d;
		ss->entsize = entry_size(obj, d);
		if (ss->entsize == 0 || sec->size % ss->entsize ||
		    ss->entsize < d->owner_off + 4 ||
		    (d->aux_off >= 0 && ss->entsize < (size_t)d->aux_off + 4) ||
		    (d->aux_len_off >= 0 && ss->entsize <= (size_t)d->aux_len_off) ||
		    (d->ignore_off >= 0 && ss->entsize < d->ignore_off + d->ignore_len)) {
			ERROR(obj->path, "%s: size %zu does not split into %zu-byte entries",
			      d->name, sec->size, ss->entsize);
			return -1;
		}
		if (read_one(obj, ss))
			return -1;
	}
	return 0;
}

struct special_sec *special_find(struct elf_obj *obj, const char *name)
{
	size_t i;

	for (i = 0; i < pass(obj)->nspecials; i++)
		if (!strcmp(pass(obj)->specials[i].desc->name, name))
			return &pass(obj)->specials[i];
	return NULL;
}

/* The entries of ss owned by owner (NULL: the ones no function owns). */
size_t special_entries(const struct special_sec *ss, const struct symbol *owner,
		       struct special_entry **ents)
{
	size_t i = owner ? owner->idx : 0;

	*ents = ss->ents + ss->first[i];
	return ss->count[i];
}

void special_free(struct elf_obj *obj)
{
	struct obj_pass *op = pass(obj);
	size_t i;

	for (i = 0; i < op->nspecials; i++) {
		free(op->specials[i].ents);
		free(op->specials[i].first);
		free(op->specials[i].count);
	}
	free(op->specials);
	op->specials = NULL;
	op->nspecials = 0;
}
