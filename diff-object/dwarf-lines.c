/*
 * Where an object's code comes from: its line table, by section and offset.
 * In a relocatable object every section starts at 0 and the addresses of
 * .debug_line are relocations against the code sections,
 *   00000000  R_386_32  00000000  .init.text
 * which libdw alone does not apply (every sequence would start at 0).
 * libdwfl lays the sections out and applies them, as eu-addr2line -e foo.o
 * does, so each address names one place.  Read on first use: only a
 * function whose immediates changed asks (lines.c).
 */
#include <dwarf.h>
#include <elfutils/libdwfl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "warn.h"

struct line_table {
	Dwfl *dwfl;		/* owns the strings of the rows */
	Dwfl_Module *mod;
	GElf_Addr *sec_addr;	/* by section index: where libdwfl put it */
	size_t nsecs;
	struct line_row *rows;	/* by address; a sequence's end first */
	size_t nrows;
};

static const Dwfl_Callbacks offline = {
	.find_debuginfo = dwfl_standard_find_debuginfo,
	.section_address = dwfl_offline_section_address,
};

/* "fs/x.c" for "/tree/fs/x.c" under comp_dir "/tree": two builds in two trees agree. */
static const char *relative(const char *file, const char *dir)
{
	size_t n = dir ? strlen(dir) : 0;

	if (file && n && !strncmp(file, dir, n) && file[n] == '/')
		return file + n + 1;
	return file;
}

static const char *comp_dir(Dwarf_Die *cu)
{
	Dwarf_Attribute attr;

	return dwarf_formstring(dwarf_attr(cu, DW_AT_comp_dir, &attr));
}

static int add_unit(struct elf_obj *obj, struct line_table *t, Dwarf_Die *cu, Dwarf_Addr bias)
{
	const char *dir = comp_dir(cu);
	Dwarf_Lines *lines;
	size_t n, k;
	struct line_row *rows;

	if (dwarf_getsrclines(cu, &lines, &n) != 0 || !n)
		return 0;	/* a unit without code */
	rows = realloc(t->rows, (t->nrows + n) * sizeof(*rows));
	if (!rows) {
		ERROR(obj->path, "out of memory");
		return -1;
	}
	t->rows = rows;
	for (k = 0; k < n; k++) {
		Dwarf_Line *l = dwarf_onesrcline(lines, k);
		struct line_row *r = &t->rows[t->nrows];
		Dwarf_Addr addr;
		bool end;
		int line;

		if (!l || dwarf_lineaddr(l, &addr) || dwarf_lineno(l, &line) ||
		    dwarf_lineendsequence(l, &end))
			continue;
		r->addr = addr + bias;
		r->order = t->nrows;
		r->line = line;
		r->end = end;
		r->file = relative(dwarf_linesrc(l, NULL, NULL), dir);
		if (r->file)
			t->nrows++;
	}
	return 0;
}

static int by_addr(const void *a, const void *b)
{
	const struct line_row *x = a, *y = b;

	if (x->addr != y->addr)
		return x->addr < y->addr ? -1 : 1;
	if (x->end != y->end)
		return x->end ? -1 : 1;
	/* of the rows of one address, the last is the one in effect */
	return x->order < y->order ? -1 : x->order > y->order;
}

/* 0 with t filled, or left empty when libdwfl cannot read the object; -1: error. */
static int lines_read(struct elf_obj *obj, struct line_table *t)
{
	Dwfl_Module *mod;
	Dwarf *dw;
	Dwarf_Addr dbias;
	GElf_Addr ebias;
	Dwarf_Off off = 0, next;
	size_t hsize, i, nsecs;
	Elf *elf;

	t->dwfl = dwfl_begin(&offline);
	if (!t->dwfl) {
		ERROR(obj->path, "libdwfl: %s", dwfl_errmsg(-1));
		return -1;
	}
	mod = dwfl_report_offline(t->dwfl, obj->path, obj->path, -1);
	if (!mod || dwfl_report_end(t->dwfl, NULL, NULL) != 0)
		return 0;
	t->mod = mod;
	dw = dwfl_module_getdwarf(mod, &dbias);
	elf = dwfl_module_getelf(mod, &ebias);
	/* the same file: the same sections, or it changed under us */
	if (!dw || !elf || elf_getshdrnum(elf, &nsecs) || nsecs != obj->nsecs)
		return 0;
	t->sec_addr = calloc(nsecs ? nsecs : 1, sizeof(*t->sec_addr));
	if (!t->sec_addr) {
		ERROR(obj->path, "out of memory");
		return -1;
	}
	t->nsecs = nsecs;
	for (i = 0; i < nsecs; i++) {
		GElf_Shdr sh;

		if (gelf_getshdr(elf_getscn(elf, i), &sh))
			t->sec_addr[i] = sh.sh_addr + ebias;
	}
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(dw, off + hsize, &cu) && add_unit(obj, t, &cu, dbias))
			return -1;
		if (next <= off)
			break;
		off = next;
	}
	if (t->nrows)
		qsort(t->rows, t->nrows, sizeof(*t->rows), by_addr);
	return 0;
}

static void lines_free(struct line_table *t)
{
	if (!t)
		return;
	dwfl_end(t->dwfl);	/* NULL-safe */
	free(t->sec_addr);
	free(t->rows);
	free(t);
}

int dwarf_lines_open(struct elf_obj *obj)
{
	struct line_table *t;

	if (pass(obj)->lines_tried)
		return 0;
	pass(obj)->lines_tried = true;
	/* dwarf_open() turned it down: no DWARF, or DWARF not safe to read */
	if (!pass(obj)->dwarf)
		return 0;
	t = calloc(1, sizeof(*t));
	if (!t) {
		ERROR(obj->path, "out of memory");
		return -1;
	}
	if (lines_read(obj, t)) {
		lines_free(t);
		return -1;
	}
	if (!t->nrows) {
		lines_free(t);
		return 0;
	}
	pass(obj)->lines = t;
	return 0;
}

void dwarf_lines_close(struct elf_obj *obj)
{
	lines_free(pass(obj)->lines);
	pass(obj)->lines = NULL;
}

/* The first row at or past addr. */
static size_t lower_bound(const struct line_table *t, uint64_t addr)
{
	size_t lo = 0, hi = t->nrows;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (t->rows[mid].addr < addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

const struct line_row *dwarf_line_at(struct elf_obj *obj, const struct section *sec,
				     uint64_t off)
{
	const struct line_table *t = pass(obj)->lines;
	size_t i;

	if (!t || sec->idx >= t->nsecs)
		return NULL;
	i = lower_bound(t, t->sec_addr[sec->idx] + off + 1);
	if (!i || t->rows[i - 1].end)
		return NULL;
	return &t->rows[i - 1];
}

size_t dwarf_inline_calls(struct elf_obj *obj, const struct section *sec, uint64_t off,
			  struct src_line *out, size_t max)
{
	const struct line_table *t = pass(obj)->lines;
	Dwarf_Die *cu, *scopes = NULL;
	Dwarf_Files *files;
	Dwarf_Addr bias;
	size_t n = 0, nfiles;
	int k, nscopes;

	if (!t || sec->idx >= t->nsecs)
		return 0;
	cu = dwfl_module_addrdie(t->mod, t->sec_addr[sec->idx] + off, &bias);
	if (!cu || dwarf_getsrcfiles(cu, &files, &nfiles) != 0)
		return 0;
	/* innermost first */
	nscopes = dwarf_getscopes(cu, t->sec_addr[sec->idx] + off - bias, &scopes);
	for (k = 0; k < nscopes && n < max; k++) {
		Dwarf_Attribute attr;
		Dwarf_Word file, line;

		if (dwarf_tag(&scopes[k]) != DW_TAG_inlined_subroutine)
			continue;
		if (dwarf_formudata(dwarf_attr(&scopes[k], DW_AT_call_file, &attr), &file) ||
		    dwarf_formudata(dwarf_attr(&scopes[k], DW_AT_call_line, &attr), &line) ||
		    file >= nfiles || line > INT_MAX)
			break;
		out[n].file = relative(dwarf_filesrc(files, file, NULL, NULL), comp_dir(cu));
		out[n].line = (int)line;
		if (!out[n].file)
			break;
		n++;
	}
	free(scopes);
	return n;
}
