/*
 * A module's .ko as a target (target.c).  A .ko is relocatable: its
 * symbols are offsets in their sections and its tables (__mcount_loc,
 * __jump_table) hold relocations, not addresses.  So it is laid out as if
 * linked: each loaded (SHF_ALLOC) section gets a made-up address, and every
 * lookup by address (bytes, sites, pins, sympos) works as for vmlinux.
 * Fields the .ko's own relocations cover stay unresolved in its bytes:
 * target_field() tells what such a field names.
 */
#include <stdlib.h>
#include <string.h>

#include "../arch.h"
#include "mkpatch.h"

/* Above 0: target_jump_site_in() says "none" with 0. */
#define KO_LAYOUT_BASE	0x10000u

static void lay_out(struct elf_obj *o)
{
	uint32_t at = KO_LAYOUT_BASE;
	size_t i;

	for (i = 1; i < o->nsecs; i++) {
		GElf_Shdr *sh = &o->secs[i].sh;
		uint32_t align = sh->sh_addralign > 1 ? (uint32_t)sh->sh_addralign : 1;

		if (!(sh->sh_flags & SHF_ALLOC))
			continue;
		at = (at + align - 1) & ~(align - 1);
		sh->sh_addr = at;
		at += (uint32_t)sh->sh_size;
	}
}

/* The address a relocation's field means: its symbol's plus the addend. */
static uint32_t reloc_addr(const struct reloc *r)
{
	const struct symbol *s = r->sym;

	return (uint32_t)(s->sec->sh.sh_addr + s->sym.st_value) + (uint32_t)r->addend;
}

/* sec + off starts `call __fentry__`: the R_386_PC32 of its operand at +1. */
static bool calls_fentry(const struct section *sec, uint64_t off)
{
	size_t i = reloc_lower_bound(sec, off + 1);
	const struct reloc *r = i < sec->nrelocs ? &sec->relocs[i] : NULL;

	return r && r->offset == off + 1 && sec->data && sec->data[off] == 0xe8 &&
	       (r->type == R_386_PC32 || r->type == R_386_PLT32) &&
	       !strcmp(r->sym->name, "__fentry__");
}

/*
 * The sites a table names by the relocation of each entry's code field
 * (@entsize bytes apart): an ftrace site only where the call to
 * __fentry__ is there to be seen.
 */
static int read_reloc_sites(struct target *t, const char *secname, size_t entsize,
			    bool fentry, struct sites *out)
{
	const struct section *sec = find_section(&t->obj, secname);
	size_t i;

	if (!sec)
		return 0;
	out->addr = calloc(sec->nrelocs + 1, sizeof(*out->addr));
	if (!out->addr) {
		ERROR(t->path, "out of memory");
		return -1;
	}
	for (i = 0; i < sec->nrelocs; i++) {
		const struct reloc *r = &sec->relocs[i];
		const struct section *code = r->sym->sec;

		if (r->offset % entsize || !code || !sec_is_text(code))
			continue;
		if (fentry && !calls_fentry(code, r->sym->sym.st_value + (uint32_t)r->addend))
			continue;
		out->addr[out->n++] = reloc_addr(r);
	}
	sites_sort(out);
	return 0;
}

int module_open(struct target *t, const char *name, const char *path)
{
	memset(t, 0, sizeof(*t));
	t->name = name;
	t->path = path;
	if (elf_obj_open(&t->obj, path))
		return -1;
	lay_out(&t->obj);
	return target_read_symtab(t) ||
	       read_reloc_sites(t, "__mcount_loc", 4, true, &t->fentry) ||
	       read_reloc_sites(t, "__jump_table", LKHP_JUMP_ENTRY_SIZE, false, &t->jump) ? -1 : 0;
}

/*
 * What the 4-byte field at addr holds in the loaded target: a value (its
 * bytes; in a .ko also a relocation to a symbol the .ko defines: that
 * symbol's address in the layout, made PC-relative for R_386_PC32/PLT32 as
 * the loader would), or a relocation to a symbol the module loader
 * resolves (*undef and *addend).  -1: unreadable, or a relocation of
 * another type.
 */
int target_field(struct target *t, uint32_t addr, uint32_t *value, const char **undef,
		 int32_t *addend)
{
	const unsigned char *b = target_bytes(t, addr, 4);
	size_t i;

	*undef = NULL;
	for (i = 1; t->name && i < t->obj.nsecs; i++) {
		const struct section *sec = &t->obj.secs[i];
		uint32_t off = addr - (uint32_t)sec->sh.sh_addr;
		const struct reloc *r;
		size_t j;

		if (!(sec->sh.sh_flags & SHF_ALLOC) || addr < sec->sh.sh_addr || off >= sec->size)
			continue;
		j = reloc_lower_bound(sec, off);
		if (j == sec->nrelocs || sec->relocs[j].offset != off)
			break;		/* resolved: the bytes */
		r = &sec->relocs[j];
		if (!r->sym->sec) {
			*undef = r->sym->name;
			*addend = r->addend;
			return 0;
		}
		if (r->type == R_386_32)
			*value = reloc_addr(r);
		else if (r->type == R_386_PC32 || r->type == R_386_PLT32)
			*value = reloc_addr(r) - addr;
		else
			return -1;
		return 0;
	}
	if (!b)
		return -1;
	memcpy(value, b, 4);
	return 0;
}
