/*
 * --originals DIR: the build is checked against the target before anything
 * is written.  Every function the patch replaces must be the same code in
 * the original object lkhp-build compiled (DIR/INPUT) and in the target's
 * vmlinux or .ko: instruction by instruction the same bytes outside
 * relocated fields (a branch may be short in one and near in the other, see
 * same_insn()), and every relocated field must hold the address its
 * relocation names.  A .ko is not linked: a field its own relocation
 * covers is compared by that relocation's target (target_field()).  A
 * wrong source tree, config or compiler shows here, not as a
 * patch that redirects into code built for another kernel.
 *
 * vmlinux and a .ko on disk are the code before boot or load: the ftrace
 * sites are still calls, alternatives and paravirt sites still the original
 * instructions, static branches as the assembler wrote them, so no site
 * needs allowing for beyond its relocation.
 */
#include <stdlib.h>
#include <string.h>

#include "../arch.h"
#include "mkpatch.h"

/*
 * The original function that f replaces: in an original of f's target,
 * same name, a static in the same file.
 */
static const struct symbol *original_of(const struct mkpatch *mk, const struct mk_func *f,
					const char **input)
{
	const struct original *orig = mk->orig;
	const struct symbol *s = f->new_func;
	size_t i;

	for (i = 0; i < mk->ninputs; i++) {
		if (mk->in[i].t != f->old.t)
			continue;
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

/* The target's address the relocation's symbol stands for (its offset 0). */
static enum lookup reloc_base(const struct target *t, const struct reloc *r, uint32_t *base)
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
		res = target_global(t, s->name, sym_is_func(s), &vs);
	else if (s->file)
		res = target_local(t, s->file, s->name, sym_is_func(s), false, &vs);
	else
		res = NOT_FOUND;
	if (res == FOUND)
		*base = (uint32_t)(vs->value - off);
	return res;
}

/* One instruction of a function, at its offset from the start. */
struct insn_at {
	uint32_t off;
	struct arch_insn in;
};

/* code's instructions, padding left out; false when one does not decode. */
static bool decode_all(const unsigned char *code, size_t size, struct insn_at *v, size_t *n)
{
	size_t off = 0;

	*n = 0;
	while (off < size) {
		struct insn_at *i = &v[*n];

		if (!arch_decode(code + off, size - off, &i->in))
			return false;
		i->off = (uint32_t)off;
		off += i->in.len;
		if (!arch_insn_is_nop(code + i->off, &i->in))
			(*n)++;
	}
	return true;
}

/* The index of the first kept instruction at or after off. */
static size_t insn_index(const struct insn_at *v, size_t n, int64_t off)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if ((int64_t)v[mid].off < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

struct code {
	const unsigned char *b;
	struct insn_at *v;
	size_t n;
};

/*
 * Instruction i of the original (o) and of the target (k) are the same code:
 * the same bytes outside relocated fields, or branches of one kind (a short
 * and a near jne are one) to the same instruction.  gas relaxes a branch
 * differently when the function shares .text with others (the target's
 * build) than when it has a section of its own (lkhp-build's), and the
 * padding after it absorbs the difference.
 */
static bool same_insn(const struct code *o, const struct code *k, size_t i,
		      const unsigned char *mask)
{
	const struct insn_at *a = &o->v[i], *b = &k->v[i];
	int ka = arch_branch_kind(o->b + a->off, &a->in);
	unsigned j;

	if (ka >= 0 && !mask[a->off + a->in.imm_off]) {
		return ka == arch_branch_kind(k->b + b->off, &b->in) &&
		       insn_index(o->v, o->n, arch_branch_target(o->b + a->off, &a->in, a->off)) ==
		       insn_index(k->v, k->n, arch_branch_target(k->b + b->off, &b->in, b->off));
	}
	if (a->in.len != b->in.len)
		return false;
	for (j = 0; j < a->in.len; j++)
		if (!mask[a->off + j] && o->b[a->off + j] != k->b[b->off + j])
			return false;
	return true;
}

static void report_differs(const char *input, const struct symbol *o, uint32_t at)
{
	UNSUPPORTED(input, o->name, "compiled original differs from the target kernel at +0x%x "
		    "(wrong source, config or compiler?)", at);
}

/*
 * Each relocated field of the original holds, in the target, what it
 * names; a field the module loader resolves names the same symbol.
 */
static int check_references(struct target *t, const char *input, const struct symbol *o,
			    const struct code *oc, const struct code *kc, uint32_t kaddr)
{
	size_t ri = reloc_lower_bound(o->sec, o->sym.st_value);
	uint64_t end = o->sym.st_value + o->sym.st_size;

	for (; ri < o->sec->nrelocs && o->sec->relocs[ri].offset < end; ri++) {
		const struct reloc *r = &o->sec->relocs[ri];
		uint32_t at = r->offset - (uint32_t)o->sym.st_value, base, want, got = 0, kat;
		size_t i = insn_index(oc->v, oc->n, at + 1);
		const char *undef;
		int32_t addend = 0;
		bool same;

		/* the instruction holding the field: the last one starting at or before it */
		if (r->width != 4 || !i)
			continue;
		i--;
		kat = kc->v[i].off + (at - oc->v[i].off);
		if (target_field(t, kaddr + kat, &got, &undef, &addend))
			undef = "";	/* no symbol is named so */
		if (undef) {
			same = !sym_defined(r->sym) && !strcmp(undef, r->sym->name) &&
			       addend == r->addend;
		} else {
			if (reloc_base(t, r, &base) != FOUND)
				continue;
			want = base + (uint32_t)r->addend;
			if (r->type == R_386_PC32 || r->type == R_386_PLT32)
				want -= kaddr + kat;
			else if (r->type != R_386_32)
				continue;
			same = got == want;
		}
		if (!same) {
			UNSUPPORTED(input, o->name, "compiled original differs from the target "
				    "kernel at +0x%x: its reference to %s points elsewhere there "
				    "(wrong source, config or compiler?)", at, r->sym->name);
			return -1;
		}
	}
	return 0;
}

static int verify_function(const char *input, const struct symbol *o, const struct mk_func *f)
{
	const struct vsym *vs = f->old.vs;
	size_t size = o->sym.st_size, ksize = vs->size, i, ri, n;
	struct code oc = { o->sec->data + o->sym.st_value, NULL, 0 }, kc = { NULL, NULL, 0 };
	unsigned char *mask = calloc(size + 16, 1);
	int ret = -1;

	kc.b = target_bytes(f->old.t, vs->value, ksize);
	oc.v = calloc(size + 1, sizeof(*oc.v));
	kc.v = calloc(ksize + 1, sizeof(*kc.v));
	if (!kc.b || !mask || !oc.v || !kc.v) {
		ERROR(f->old.t->path, kc.b ? "out of memory" : "%s: code at 0x%08x unreadable",
		      o->name, vs->value);
		goto out;
	}
	ri = reloc_lower_bound(o->sec, o->sym.st_value);
	for (; ri < o->sec->nrelocs && o->sec->relocs[ri].offset < o->sym.st_value + size; ri++) {
		const struct reloc *r = &o->sec->relocs[ri];
		uint32_t at = r->offset - (uint32_t)o->sym.st_value;

		if (r->width && at + r->width <= size)
			memset(mask + at, 1, r->width);
	}
	if (!decode_all(oc.b, size, oc.v, &oc.n) || !decode_all(kc.b, ksize, kc.v, &kc.n)) {
		/* code the decoder does not know: byte for byte, or refused */
		for (i = 0; i < size; i++)
			if (size != ksize || (!mask[i] && oc.b[i] != kc.b[i])) {
				report_differs(input, o, (uint32_t)(size == ksize ? i : 0));
				goto out;
			}
		ret = 0;
		goto out;
	}
	n = oc.n < kc.n ? oc.n : kc.n;
	for (i = 0; i < n; i++)
		if (!same_insn(&oc, &kc, i, mask))
			break;
	if (i < n || oc.n != kc.n) {
		report_differs(input, o, i < oc.n ? oc.v[i].off : (uint32_t)size);
		goto out;
	}
	ret = check_references(f->old.t, input, o, &oc, &kc, vs->value);
out:
	free(mask);
	free(oc.v);
	free(kc.v);
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
		const struct symbol *o = original_of(mk, f, &input);

		if (!o)
			ERROR(blame(mk, f->new_func->name, true), "%s: no original of it in %s",
			      f->new_func->name, mk->originals);
		if (!o || verify_function(input, o, f))
			bad = true;
	}
	return bad ? -1 : 0;
}
