/*
 * --originals DIR: the build is checked against the target before anything
 * is written.  Every function the patch replaces must be the same code in
 * the original object lkhp-build compiled (DIR/INPUT) and in the target's
 * vmlinux: the same size, the same bytes outside relocated fields, and every
 * relocated field vmlinux resolved must hold the address its relocation
 * names.  A wrong source tree, config or compiler shows here, not as a
 * patch that redirects into code built for another kernel.
 *
 * vmlinux on disk is the kernel before boot: the ftrace sites are still
 * calls, alternatives and paravirt sites still the original instructions,
 * static branches as the assembler wrote them, so no site needs allowing
 * for beyond its relocation.
 */
#include <stdlib.h>
#include <string.h>

#include "../arch.h"
#include "mkpatch.h"

/* The original function that f replaces: same name, a static in the same file. */
static const struct symbol *original_of(const struct original *orig, size_t n,
					const struct mk_func *f, const char **input)
{
	const struct symbol *s = f->new_func;
	size_t i;

	for (i = 0; i < n; i++) {
		struct hent *e;

		for (e = htab_first(&orig[i].obj.sym_by_name, s->name); e; e = htab_next(e)) {
			const struct symbol *o = e->val;

			if (!sym_is_func(o) || (o->bind == STB_LOCAL) != (s->bind == STB_LOCAL))
				continue;
			if (o->bind == STB_LOCAL && (!o->file || !s->file || strcmp(o->file, s->file)))
				continue;
			*input = orig[i].input;
			return o;
		}
	}
	return NULL;
}

/* The vmlinux address the relocation's symbol stands for (its offset 0). */
static enum lookup reloc_base(struct mkpatch *mk, const struct reloc *r, uint32_t *base)
{
	const struct symbol *s = r->sym;
	const struct vsym *vs;
	enum lookup res;
	int64_t off = 0;

	if (s->type == STT_SECTION) {
		/* a section symbol: the named object its target lies in */
		s = s->sec ? section_owner(s->sec, arch_reloc_target(r)) : NULL;
		if (!s)
			return NOT_FOUND;	/* a string or table without a name */
		off = (int64_t)s->sym.st_value;
	}
	if (s->bind != STB_LOCAL)
		res = vmlinux_global(&mk->vm, s->name, sym_is_func(s), &vs);
	else if (s->file)
		res = vmlinux_local(&mk->vm, s->file, s->name, sym_is_func(s), false, &vs);
	else
		res = NOT_FOUND;
	if (res == FOUND)
		*base = (uint32_t)(vs->value - off);
	return res;
}

static int verify_function(struct mkpatch *mk, const char *input, const struct symbol *o,
			   const struct mk_func *f)
{
	const struct vsym *vs = f->old.vs;
	size_t size = o->sym.st_size, i, ri;
	const unsigned char *vb, *ob = o->sec->data + o->sym.st_value;
	unsigned char *mask;
	int ret = 0;

	if (size != vs->size) {
		UNSUPPORTED(input, o->name, "compiled original is %zu bytes, the target kernel's "
			    "%u (wrong source, config or compiler?)", size, vs->size);
		return -1;
	}
	vb = vmlinux_bytes(&mk->vm, vs->value, size);
	mask = calloc(size ? size : 1, 1);
	if (!vb || !mask) {
		ERROR(mk->vmlinux_path, vb ? "out of memory" : "%s: code at 0x%08x unreadable",
		      o->name, vs->value);
		free(mask);
		return -1;
	}
	ri = reloc_lower_bound(o->sec, o->sym.st_value);
	for (; ri < o->sec->nrelocs && o->sec->relocs[ri].offset < o->sym.st_value + size; ri++) {
		const struct reloc *r = &o->sec->relocs[ri];
		uint32_t at = r->offset - (uint32_t)o->sym.st_value, base, want, got;

		if (!r->width || at + r->width > size)
			continue;
		memset(mask + at, 1, r->width);
		if (r->width != 4 || reloc_base(mk, r, &base) != FOUND)
			continue;
		want = base + (uint32_t)r->addend;
		if (r->type == R_386_PC32 || r->type == R_386_PLT32)
			want -= vs->value + at;
		else if (r->type != R_386_32)
			continue;
		memcpy(&got, vb + at, 4);
		if (got != want) {
			UNSUPPORTED(input, o->name, "compiled original differs from the target "
				    "kernel at +0x%x: its reference to %s points elsewhere there "
				    "(wrong source, config or compiler?)", at, r->sym->name);
			ret = -1;
			break;
		}
	}
	for (i = 0; !ret && i < size; i++)
		if (!mask[i] && ob[i] != vb[i]) {
			UNSUPPORTED(input, o->name, "compiled original differs from the target "
				    "kernel at +0x%zx (wrong source, config or compiler?)", i);
			ret = -1;
		}
	free(mask);
	return ret;
}

int verify_originals(struct mkpatch *mk)
{
	bool bad = false;
	size_t i;

	/* every function is checked: the report names all that differ */
	for (i = 0; mk->orig && i < mk->nfuncs; i++) {
		const struct mk_func *f = &mk->funcs[i];
		const char *input = NULL;
		const struct symbol *o = original_of(mk->orig, mk->ninputs, f, &input);

		if (!o)
			ERROR(blame(mk, f->new_func->name, true), "%s: no original of it in %s",
			      f->new_func->name, mk->originals);
		if (!o || verify_function(mk, input, o, f))
			bad = true;
	}
	return bad ? -1 : 0;
}
