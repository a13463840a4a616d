/*
 * SAME / CHANGED / NEW for every function and data object of the patched
 * object.  Two ranges of bytes are the same when their bytes agree outside
 * the relocated fields and their relocations agree by (offset, type, target),
 * the target seen through section symbols: gas turns a reference to a
 * static symbol into "section + offset",
 *   00000007  R_386_32  00000000  .bss.calls.1
 * so offsets into other sections never matter, only what they point at.
 * The special-section entries of a function (its WARNs, exception fixups,
 * static branches, ...) are part of it.
 */
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

struct range {
	struct section *sec;
	uint64_t start, end;
};

static void sym_range(struct symbol *s, struct range *r)
{
	r->sec = s->sec;
	r->start = s->sym.st_value;
	r->end = s->sym.st_value + s->sym.st_size;
}

/* Fields of a range left out of a comparison: the __LINE__ of a bug entry... */
struct skip {
	int64_t off;
	unsigned len;
};

#define NSKIP 2

/*
 * One comparison's state: how deep symbol-less sections nest (each is
 * compared once, so the depth is bounded by their number; the limit only
 * guards the stack), and whether it failed.  A failed comparison is an
 * error, never an answer.
 */
#define MAX_ANON_DEPTH 4096

struct cmp {
	const char *path;
	int depth;
	bool failed;
};

static bool fail(struct cmp *c, const char *what, const char *name)
{
	if (!c->failed)
		ERROR(c->path, "%s%s%s", what, name ? " at " : "", name ? name : "");
	c->failed = true;
	return false;
}

static bool same_range(struct cmp *c, struct range *o, struct range *p, const struct skip *sk,
		       struct symbol *func, bool *line_only);

/* The NUL-terminated string at off, bounded by its section. */
static bool same_string(const struct section *a, int64_t ao, const struct section *b,
			int64_t bo)
{
	size_t al, bl;

	if (ao < 0 || bo < 0 || (uint64_t)ao >= a->size || (uint64_t)bo >= b->size)
		return ao == bo && a->size == b->size;
	al = strnlen((const char *)a->data + ao, a->size - ao);
	bl = strnlen((const char *)b->data + bo, b->size - bo);
	return al == bl && !memcmp(a->data + ao, b->data + bo, al);
}

/* A section no symbol owns (jump table, constants): compared whole, once. */
static bool same_anon(struct cmp *c, struct section *o, struct section *p)
{
	struct range ro = { o, 0, o->size }, rp = { p, 0, p->size };
	bool dummy, same;

	if (pass(p)->twin != o)
		return false;
	if (pass(p)->anon_status != ST_NONE)
		return pass(p)->anon_status == ST_SAME;
	if (pass(p)->anon_busy)
		return true;	/* a cycle: the outer comparison decides */
	if (c->depth >= MAX_ANON_DEPTH)
		return fail(c, "symbol-less sections nested deeper than "
			    "MAX_ANON_DEPTH (4096)", p->name);
	pass(p)->anon_busy = true;
	c->depth++;
	same = same_range(c, &ro, &rp, NULL, NULL, &dummy);
	c->depth--;
	pass(p)->anon_busy = false;
	if (c->failed)
		return false;
	pass(p)->anon_status = same ? ST_SAME : ST_CHANGED;
	return same;
}

int same_anon_section(struct section *o, struct section *p)
{
	struct cmp c = { p->obj->path, 0, false };
	bool same = same_anon(&c, o, p);

	return c.failed ? -1 : same;
}

/* A local constant: what it holds is all there is to it (a __func__.N). */
static bool is_constant(const struct symbol *s)
{
	return sym_is_data(s) && s->bind == STB_LOCAL && !(s->sec->sh.sh_flags & SHF_WRITE);
}

/*
 * Two constants the twins do not tie (gcc renumbered a __func__.N that only
 * a pr_debug() descriptor uses, and its old number went to another): the
 * same if they hold the same.
 */
static bool same_constant(struct cmp *c, struct symbol *o, struct symbol *p)
{
	struct range ro, rp;
	bool dummy, same;

	if (c->depth >= MAX_ANON_DEPTH)
		return fail(c, "constants nested deeper than MAX_ANON_DEPTH (4096)", p->name);
	sym_range(o, &ro);
	sym_range(p, &rp);
	c->depth++;
	same = same_range(c, &ro, &rp, NULL, NULL, &dummy);
	c->depth--;
	return same;
}

static bool same_target(struct cmp *c, struct reloc_target *o, struct reloc_target *p)
{
	if (o->off != p->off && !(o->sec && p->sec && sec_is_strings(p->sec)))
		return false;
	if (p->sym) {
		if (!o->sym)
			return false;
		if (!sym_defined(p->sym) || !sym_defined(o->sym))
			return !sym_defined(p->sym) && !sym_defined(o->sym) &&
			       !strcmp(p->sym->name, o->sym->name);
		/*
		 * A local read-only object with new contents travels as a copy;
		 * so does a pr_debug() descriptor with a new message (its line
		 * alone is no change: compare_symbol()).
		 */
		if (pass(p->sym)->twin != o->sym && is_constant(p->sym) && is_constant(o->sym))
			return same_constant(c, o->sym, p->sym);
		return pass(p->sym)->twin == o->sym &&
		       !(sym_is_data(p->sym) && pass(p->sym)->status == ST_CHANGED);
	}
	if (!o->sec)
		return false;
	if (sec_is_strings(p->sec) && sec_is_strings(o->sec))
		return same_string(o->sec, o->off, p->sec, p->off);
	return same_anon(c, o->sec, p->sec);
}

/* A call to a __LINE__-taking function follows the immediate at insn_end. */
static bool line_call_follows(struct range *p, uint64_t insn_end)
{
	size_t i = reloc_lower_bound(p->sec, p->start + insn_end);

	for (; i < p->sec->nrelocs && p->sec->relocs[i].offset < p->end; i++) {
		struct reloc *r = &p->sec->relocs[i];
		struct reloc_target t;

		if (r->type != R_386_PC32 && r->type != R_386_PLT32)
			continue;
		resolve_target(r, &t);
		return t.sym && arch_line_function(t.sym->name);
	}
	return false;
}

/*
 * The byte at off of func's code differs: is it in a __LINE__ that only
 * moved?  The line table says (lines.c); without one, a call to a known
 * __LINE__-taking function following the immediate does.
 */
static enum line_verdict line_immediate(struct range *o, struct range *p, struct symbol *func,
					uint64_t off)
{
	enum line_verdict v;
	unsigned len;
	size_t imm;

	if (!arch_line_immediate(p->sec->data + p->start, p->end - p->start, off, &imm, &len))
		return LINE_CHANGED;
	/* as the instruction reads it: little-endian, sign-extended */
	v = line_moved(pass(func)->twin, func, imm,
		       arch_read_addend(o->sec->data + o->start + imm, len),
		       arch_read_addend(p->sec->data + p->start + imm, len));
	if (v == LINE_NO_TABLE)
		return line_call_follows(p, imm + len) ? LINE_MOVED : LINE_CHANGED;
	return v;
}

/*
 * Two string literals that differ in one number only, loaded by func's
 * code at p's rp: a __LINE__ in a literal, if the line table says so.
 */
static enum line_verdict line_string(struct range *p, struct symbol *func, struct reloc *ro,
				     struct reloc *rp)
{
	const char *so = reloc_string(ro), *sp = reloc_string(rp);
	enum line_verdict v;
	int64_t a, b;

	if (!so || !sp || !line_numbers(so, sp, &a, &b))
		return LINE_CHANGED;
	v = line_moved(pass(func)->twin, func, rp->offset - p->start, a, b);
	return v == LINE_NO_TABLE ? LINE_CHANGED : v;
}

static bool skipped(const struct skip *sk, uint64_t rel)
{
	int k;

	for (k = 0; sk && k < NSKIP; k++)
		if (sk[k].len && (int64_t)rel >= sk[k].off && (int64_t)rel < sk[k].off + sk[k].len)
			return true;
	return false;
}

static bool same_relocs(struct cmp *c, struct range *o, struct range *p,
			const struct skip *sk, struct symbol *func, bool *line_only,
			unsigned char *mask)
{
	size_t io = reloc_lower_bound(o->sec, o->start);
	size_t ip = reloc_lower_bound(p->sec, p->start);

	for (;;) {
		bool eo, ep;
		struct reloc *ro, *rp;
		struct reloc_target to, tp;

		while (io < o->sec->nrelocs && o->sec->relocs[io].offset < o->end &&
		       skipped(sk, o->sec->relocs[io].offset - o->start))
			io++;
		while (ip < p->sec->nrelocs && p->sec->relocs[ip].offset < p->end &&
		       skipped(sk, p->sec->relocs[ip].offset - p->start))
			ip++;
		eo = io >= o->sec->nrelocs || o->sec->relocs[io].offset >= o->end;
		ep = ip >= p->sec->nrelocs || p->sec->relocs[ip].offset >= p->end;
		if (eo || ep)
			return eo && ep;
		ro = &o->sec->relocs[io++];
		rp = &p->sec->relocs[ip++];
		if (ro->offset - o->start != rp->offset - p->start || ro->type != rp->type)
			return false;
		resolve_target(ro, &to);
		resolve_target(rp, &tp);
		if (!same_target(c, &to, &tp)) {
			enum line_verdict v = func && !c->failed ?
					      line_string(p, func, ro, rp) : LINE_CHANGED;

			if (v == LINE_ERROR)
				c->failed = true;
			if (v != LINE_MOVED)
				return false;
			*line_only = true;
		}
		if (rp->width)
			memset(mask + (rp->offset - p->start), 1,
			       rp->width <= p->end - rp->offset ? rp->width : p->end - rp->offset);
	}
}

static bool same_range(struct cmp *c, struct range *o, struct range *p, const struct skip *sk,
		       struct symbol *func, bool *line_only)
{
	uint64_t len = p->end - p->start, i;
	unsigned char *mask;
	bool same = true;

	*line_only = false;
	if (o->end - o->start != len)
		return false;
	if (!o->sec->data || !p->sec->data)
		return !o->sec->data && !p->sec->data;
	mask = calloc(len ? len : 1, 1);
	if (!mask)
		return fail(c, "out of memory", p->sec->name);
	if (!same_relocs(c, o, p, sk, func, line_only, mask)) {
		free(mask);
		return false;
	}
	for (i = 0; i < len; i++)
		if (skipped(sk, i))
			mask[i] = 1;
	for (i = 0; i < len && same; i++) {
		if (mask[i] || o->sec->data[o->start + i] == p->sec->data[p->start + i])
			continue;
		switch (func ? line_immediate(o, p, func, i) : LINE_CHANGED) {
		case LINE_MOVED:
			*line_only = true;
			break;
		case LINE_ERROR:
			c->failed = true;
			/* fall through */
		default:
			same = false;
		}
	}
	free(mask);
	if (!same)
		*line_only = false;
	return same;
}

/* A code blob an entry points to (.altinstr_replacement), by content. */
static bool same_aux(struct cmp *c, struct special_sec *os, struct special_entry *oe,
		     struct special_sec *ps, struct special_entry *pe)
{
	const struct special_desc *d = ps->desc;
	struct reloc *ro, *rp;
	struct reloc_target to, tp;
	struct range a, b;
	bool dummy;

	if (d->aux_off < 0)
		return true;
	ro = reloc_at(os->sec, oe->offset + d->aux_off);
	rp = reloc_at(ps->sec, pe->offset + d->aux_off);
	if (!ro || !rp)
		return !ro && !rp;
	resolve_target(ro, &to);
	resolve_target(rp, &tp);
	if (!to.sec || !tp.sec || to.off < 0 || tp.off < 0)
		return false;
	a.sec = to.sec;
	a.start = (uint64_t)to.off;
	a.end = a.start + os->sec->data[oe->offset + d->aux_len_off];
	b.sec = tp.sec;
	b.start = (uint64_t)tp.off;
	b.end = b.start + ps->sec->data[pe->offset + d->aux_len_off];
	if (a.end > a.sec->size || b.end > b.sec->size)
		return false;
	return same_range(c, &a, &b, NULL, NULL, &dummy);
}

static bool same_entry(struct cmp *c, struct special_sec *os, struct special_entry *oe,
		       struct special_sec *ps, struct special_entry *pe)
{
	const struct special_desc *d = ps->desc;
	struct range a = { os->sec, oe->offset, oe->offset + os->entsize };
	struct range b = { ps->sec, pe->offset, pe->offset + ps->entsize };
	struct skip sk[NSKIP] = {
		{ d->ignore_off, d->ignore_off >= 0 ? d->ignore_len : 0 },
		{ d->aux_off, d->aux_off >= 0 ? 4 : 0 },
	};
	bool dummy;

	if (os->entsize != ps->entsize)
		return false;
	return same_range(c, &a, &b, sk, NULL, &dummy) && same_aux(c, os, oe, ps, pe);
}

static bool same_entries(struct cmp *c, struct ctx *ctx, struct symbol *o, struct symbol *p)
{
	size_t k, j;

	for (k = 0; k < pass(&ctx->patched)->nspecials; k++) {
		struct special_sec *ps = &pass(&ctx->patched)->specials[k];
		struct special_sec *os = special_find(&ctx->orig, ps->desc->name);
		struct special_entry *pe, *oe = NULL;
		size_t np = special_entries(ps, p, &pe);
		size_t no = os ? special_entries(os, o, &oe) : 0;

		if (np != no)
			return false;
		for (j = 0; j < np; j++)
			if (!same_entry(c, os, &oe[j], ps, &pe[j]))
				return false;
	}
	/* entries that vanished from a special section the patch dropped */
	for (k = 0; k < pass(&ctx->orig)->nspecials; k++) {
		struct special_sec *os = &pass(&ctx->orig)->specials[k];
		struct special_entry *oe;

		if (!special_find(&ctx->patched, os->desc->name) && special_entries(os, o, &oe))
			return false;
	}
	return true;
}

static enum status compare_symbol(struct cmp *c, struct ctx *ctx, struct symbol *p)
{
	struct symbol *o = pass(p)->twin;
	struct range ro, rp;
	bool line_only;
	/* a pr_debug() descriptor's line moves with every line above it */
	const struct skip line[NSKIP] = { { LKHP_DYNDBG_LINE_OFF, 4 } };

	if (!o)
		return ST_NEW;
	if (o->type != p->type)
		return ST_CHANGED;
	sym_range(o, &ro);
	sym_range(p, &rp);
	if (!same_range(c, &ro, &rp, is_dyndbg_descriptor(p) ? line : NULL,
			sym_is_func(p) ? p : NULL, &line_only))
		return ST_CHANGED;
	if (sym_is_func(p) && !same_entries(c, ctx, o, p))
		return ST_CHANGED;
	if (line_only) {
		NOTE(ctx->patched.path, "%s: only __LINE__ immediates changed", p->name);
	}
	return ST_SAME;
}

static void mark(struct symbol *s)
{
	if (pass(s)->status == ST_SAME)
		pass(s)->status = ST_CHANGED;
}

/*
 * Another name of code that s names too, the one kept: module_exit() and
 * module_init() give a module's exit and init functions the global alias
 * cleanup_module / init_module.  The code is carried and redirected once,
 * under the static's name when there is one (the patch module's own exit
 * is its cleanup_module), else under the first name.  NULL: s is kept.
 */
static const struct symbol *kept_alias(const struct symbol *s)
{
	size_t i;

	for (i = 0; i < s->sec->nsyms; i++) {
		const struct symbol *t = s->sec->syms[i];

		if (t == s || !sym_is_func(t) || t->sym.st_value != s->sym.st_value ||
		    t->sym.st_size != s->sym.st_size)
			continue;
		if ((t->bind == STB_LOCAL) != (s->bind == STB_LOCAL) ?
		    t->bind == STB_LOCAL : t->idx < s->idx)
			return t;
	}
	return NULL;
}

int compare(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	struct cmp c = { p->path, 0, false };
	size_t i;
	int pass;

	/* Must be before functions: a function using changed read-only data changed. */
	for (pass = 0; pass < 2; pass++) {
		for (i = 1; i < p->nsyms; i++) {
			struct symbol *s = &p->syms[i];

			if (!(pass == 0 ? sym_is_data(s) : sym_is_func(s)))
				continue;
			/* what the author left out stays the kernel's, if it has it */
			if (pass(s)->ignored)
				pass(s)->status = pass(s)->twin ? ST_SAME : ST_NONE;
			else
				pass(s)->status = compare_symbol(&c, ctx, s);
			if (c.failed)
				return -1;
		}
	}
	/* foo.cold is part of foo: both travel, only foo is reported */
	for (i = 1; i < p->nsyms; i++) {
		struct symbol *s = &p->syms[i];

		if (!sym_is_func(s) || !pass(s)->parent || pass(s)->ignored)
			continue;
		if (pass(s)->status != ST_SAME)
			mark(pass(s)->parent);
		if (pass(pass(s)->parent)->status != ST_SAME)
			mark(s);
	}
	for (i = 1; i < p->nsyms; i++) {
		struct symbol *s = &p->syms[i];

		if (sym_is_func(s) && (pass(s)->status == ST_CHANGED || pass(s)->status == ST_NEW) &&
		    !kept_alias(s)) {
			pass(s)->include = true;
			pass(s)->report = !pass(s)->parent;
			ctx->changed += pass(s)->report;
		}
	}
	return 0;
}
