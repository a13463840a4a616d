/*
 * What the build's own DWARF says: the size of the structs behind special
 * sections, and function prototypes.  i386 objects use REL, so the
 * unrelocated .debug_* bytes already hold the right string and CU offsets
 * and libdw can read them without applying relocations.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "warn.h"

/*
 * libdw hands out names from the string sections as plain pointers without
 * checking that they end inside the section: a string section that does not
 * end in NUL (a corrupted or truncated object, found by the fuzzer) would
 * make every strcmp() on a name read past it.  Such DWARF is not used.
 */
static bool string_sections_ok(struct elf_obj *obj)
{
	static const char *const names[] = { ".debug_str", ".debug_line_str" };
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		const struct section *sec = find_section(obj, names[i]);

		if (!sec || !sec->size)
			continue;
		/* compressed: libdw's inflated copy cannot be checked here */
		if ((sec->sh.sh_flags & SHF_COMPRESSED) || !sec->data ||
		    ((const char *)sec->data)[sec->size - 1] != '\0') {
			WARN(obj->path, "%s: malformed string section, DWARF not used", names[i]);
			return false;
		}
	}
	return true;
}

int dwarf_open(struct elf_obj *obj)
{
	if (!find_section(obj, ".debug_info") || !string_sections_ok(obj))
		return 0;
	pass(obj)->dwarf = dwarf_begin_elf(obj->elf, DWARF_C_READ, NULL);
	return 0;
}

void dwarf_close(struct elf_obj *obj)
{
	dwarf_end(pass(obj)->dwarf);	/* NULL-safe */
	pass(obj)->dwarf = NULL;
}

/* Call fn on each top-level DIE with this tag and name until it says stop. */
static int each_toplevel(struct elf_obj *obj, int tag, const char *name,
			 int (*fn)(Dwarf_Die *die, void *arg), void *arg)
{
	Dwarf *dw = pass(obj)->dwarf;
	Dwarf_Off off = 0, next;
	size_t hsize;

	if (!dw)
		return 0;
	/* libdw moves forward through the units and their siblings: this ends */
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu, die;

		if (dwarf_offdie(dw, off + hsize, &cu) && dwarf_child(&cu, &die) == 0) {
			do {
				const char *dn;

				if (dwarf_tag(&die) != tag)
					continue;
				dn = dwarf_diename(&die);
				if (dn && !strcmp(dn, name) && fn(&die, arg))
					return 1;
			} while (dwarf_siblingof(&die, &die) == 0);
		}
		if (next <= off)
			break;
		off = next;
	}
	return 0;
}

static int get_size(Dwarf_Die *die, void *arg)
{
	Dwarf_Word sz;

	if (dwarf_hasattr(die, DW_AT_declaration))
		return 0;
	if (dwarf_aggregate_size(die, &sz) != 0)
		return 0;
	*(long *)arg = (long)sz;
	return 1;
}

long dwarf_struct_size(struct elf_obj *obj, const char *name)
{
	long sz = -1;

	each_toplevel(obj, DW_TAG_structure_type, name, get_size, &sz);
	return sz;
}

/*
 * Unnamed types (pointer to const to ...) chain until a named one; only a
 * malformed DWARF makes the chain loop, and that is an error.
 */
#define MAX_TYPE_CHAIN 256

/* Appends the type at die to f: "*const struct seq_file". -1: a loop. */
static int describe_type(Dwarf_Die *die, FILE *f)
{
	int n;

	for (n = 0; n < MAX_TYPE_CHAIN; n++) {
		Dwarf_Attribute attr;
		const char *name = dwarf_diename(die);
		const char *prefix = "";

		switch (dwarf_tag(die)) {
		case DW_TAG_pointer_type: prefix = "*"; break;
		case DW_TAG_const_type: prefix = "const "; break;
		case DW_TAG_volatile_type: prefix = "volatile "; break;
		case DW_TAG_array_type: prefix = "[]"; break;
		case DW_TAG_structure_type: prefix = "struct "; break;
		case DW_TAG_union_type: prefix = "union "; break;
		case DW_TAG_enumeration_type: prefix = "enum "; break;
		case DW_TAG_subroutine_type: prefix = "fn "; break;
		default: break;
		}
		fprintf(f, "%s%s", prefix, name ? name : "");
		/* named types end the walk: their name is their identity here */
		if (name)
			return 0;
		if (!dwarf_attr_integrate(die, DW_AT_type, &attr) ||
		    !dwarf_formref_die(&attr, die)) {
			if (!*prefix)
				fputs("void", f);
			return 0;
		}
	}
	return -1;
}

struct proto {
	FILE *f;
	int err;
};

static int get_proto(Dwarf_Die *die, void *arg)
{
	struct proto *p = arg;
	Dwarf_Attribute attr;
	Dwarf_Die type, child;
	bool first = true;

	if (dwarf_hasattr(die, DW_AT_declaration))
		return 0;
	if (dwarf_attr_integrate(die, DW_AT_type, &attr) && dwarf_formref_die(&attr, &type))
		p->err |= describe_type(&type, p->f);
	else
		fputs("void", p->f);
	fputs(" (", p->f);
	if (dwarf_child(die, &child) == 0) {
		do {
			int tag = dwarf_tag(&child);

			if (tag != DW_TAG_formal_parameter && tag != DW_TAG_unspecified_parameters)
				continue;
			if (!first)
				fputs(", ", p->f);
			first = false;
			if (tag == DW_TAG_unspecified_parameters)
				fputs("...", p->f);
			else if (dwarf_attr_integrate(&child, DW_AT_type, &attr) &&
				 dwarf_formref_die(&attr, &type))
				p->err |= describe_type(&type, p->f);
		} while (dwarf_siblingof(&child, &child) == 0);
	}
	fputc(')', p->f);
	return 1;
}

int dwarf_prototype(struct elf_obj *obj, const char *func, char **out)
{
	struct proto p = { NULL, 0 };
	size_t len;
	int found;

	*out = NULL;
	p.f = open_memstream(out, &len);
	if (!p.f) {
		ERROR(obj->path, "out of memory");
		return -1;
	}
	found = each_toplevel(obj, DW_TAG_subprogram, func, get_proto, &p);
	if (fclose(p.f) || p.err || !found) {
		if (found && p.err)
			ERROR(obj->path, "%s: DWARF type chain longer than MAX_TYPE_CHAIN (%d)",
			      func, MAX_TYPE_CHAIN);
		else if (found)
			ERROR(obj->path, "out of memory");
		free(*out);
		*out = NULL;
		return found ? -1 : 0;
	}
	return 0;
}
