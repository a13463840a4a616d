/*
 * Twins: which symbol and section of the patched object is which of the
 * original.  A funnel that only ever accepts one-to-one matches:
 *   1. global symbols by exact name;
 *   2. any symbol by key (the name without gcc's numbers, elf.c:name_key())
 *      when the key is unique among untwinned symbols of its type on both sides;
 *   3. what is left (static locals `x.N` that share a base name, renumbered
 *      clones) through the twinned functions that use them: the k-th such
 *      symbol a function refers to matches the k-th its twin refers to;
 *      a function's writable static pairs this way only (twinned_by_users());
 *   4. exact name, when unique on both sides.
 * Sections follow their symbols, then their names, then their keys.
 */
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "warn.h"

static bool twinnable(const struct symbol *s)
{
	return s->idx && s->sec && !pass(s)->twin &&
	       (s->type == STT_FUNC || s->type == STT_OBJECT || s->type == STT_NOTYPE);
}

/* Pass state: by symbol index of each object, code refers to the symbol. */
struct corr {
	struct ctx *ctx;
	bool *code_ref[2];	/* orig, patched */
};

/*
 * A function's static variable (gcc numbers it: seen.0) is the kernel's
 * only if a twinned function uses it as the k-th static of that name: when
 * g loses its `static int seen` and f gains one, both are seen.0, unique by
 * name and key, and yet f's is new.  Twinning them would hand f g's running
 * counter.  Constants may pair by name: their contents are compared; so may
 * numbered statics no code uses (a file-scope __compound_literal.2).
 */
static bool twinned_by_users(const struct corr *c, const struct symbol *s)
{
	return s->type == STT_OBJECT && s->bind == STB_LOCAL && strcmp(s->name, s->key) &&
	       (s->sec->sh.sh_flags & SHF_WRITE) &&
	       c->code_ref[s->obj == &c->ctx->patched][s->idx];
}

/* By symbol index: a relocation of code reaches it.  NULL: no memory. */
static bool *code_refs(const struct elf_obj *obj)
{
	bool *used = calloc(obj->nsyms, sizeof(*used));
	size_t i, j;

	for (i = 1; used && i < obj->nsecs; i++) {
		const struct section *sec = &obj->secs[i];

		if (!sec_is_text(sec))
			continue;
		for (j = 0; j < sec->nrelocs; j++) {
			struct reloc_target t;

			resolve_target(&sec->relocs[j], &t);
			if (t.sym)
				used[t.sym->idx] = true;
		}
	}
	return used;
}

static void pair(struct symbol *a, struct symbol *b)
{
	pass(a)->twin = b;
	pass(b)->twin = a;
}

/* The only untwinned symbol of type `type` found under key in h, or NULL. */
static struct symbol *unique_in(const struct corr *c, const struct htab *h, const char *key,
				unsigned type, bool global_only)
{
	struct symbol *found = NULL;
	struct hent *e;

	for (e = htab_first(h, key); e; e = htab_next(e)) {
		struct symbol *s = e->val;

		if (!twinnable(s) || s->type != type || twinned_by_users(c, s) ||
		    (global_only && s->bind == STB_LOCAL))
			continue;
		if (found)
			return NULL;
		found = s;
	}
	return found;
}

static void match_unique(const struct corr *c, bool by_key, bool global_only)
{
	struct elf_obj *p = &c->ctx->patched, *o = &c->ctx->orig;
	size_t i;

	for (i = 1; i < p->nsyms; i++) {
		struct symbol *s = &p->syms[i], *t, *u;
		const char *k = by_key ? s->key : s->name;

		if (!twinnable(s) || twinned_by_users(c, s) || (global_only && s->bind == STB_LOCAL))
			continue;
		t = unique_in(c, by_key ? &o->sym_by_key : &o->sym_by_name, k, s->type,
			      global_only);
		u = unique_in(c, by_key ? &p->sym_by_key : &p->sym_by_name, k, s->type,
			      global_only);
		if (t && u == s)
			pair(s, t);
	}
}

/* A growing list of symbols. */
struct symv {
	struct symbol **v;
	size_t n, cap;
};

/*
 * Untwinned local symbols func refers to, in order of first reference,
 * into out (emptied first).  -1: out of memory.
 */
static int local_refs(struct symbol *func, struct symv *out)
{
	struct section *sec = func->sec;
	size_t i = reloc_lower_bound(sec, func->sym.st_value), j;
	uint64_t end = func->sym.st_value + func->sym.st_size;

	out->n = 0;
	for (; i < sec->nrelocs && sec->relocs[i].offset < end; i++) {
		struct reloc_target t;

		resolve_target(&sec->relocs[i], &t);
		if (!t.sym || !twinnable(t.sym) || t.sym->bind != STB_LOCAL)
			continue;
		for (j = 0; j < out->n && out->v[j] != t.sym; j++)
			;
		if (j < out->n)
			continue;
		if (out->n == out->cap) {
			size_t cap = out->cap ? 2 * out->cap : 16;
			struct symbol **v = realloc(out->v, cap * sizeof(*v));

			if (!v)
				return -1;
			out->v = v;
			out->cap = cap;
		}
		out->v[out->n++] = t.sym;
	}
	return 0;
}

static size_t nth_with_key(struct symbol **v, size_t n, const struct symbol *s, size_t *count)
{
	size_t i, pos = 0, k = 0;

	for (i = 0; i < n; i++) {
		if (strcmp(v[i]->key, s->key) || v[i]->type != s->type)
			continue;
		if (v[i] == s)
			pos = k;
		k++;
	}
	*count = k;
	return pos;
}

static struct symbol *kth_with_key(struct symbol **v, size_t n, const struct symbol *s,
				   size_t want)
{
	size_t i, k = 0;

	for (i = 0; i < n; i++)
		if (!strcmp(v[i]->key, s->key) && v[i]->type == s->type && k++ == want)
			return v[i];
	return NULL;
}

/* 1: some symbols were paired, 0: none, -1: out of memory. */
static int match_through_users(struct ctx *ctx, struct symv *pv, struct symv *ov)
{
	struct elf_obj *p = &ctx->patched;
	int progress = 0;
	size_t i, j;

	for (i = 1; i < p->nsyms; i++) {
		struct symbol *f = &p->syms[i];

		if (!sym_is_func(f) || !pass(f)->twin)
			continue;
		if (local_refs(f, pv))
			return -1;
		if (!pv->n)
			continue;
		if (local_refs(pass(f)->twin, ov))
			return -1;
		for (j = 0; j < pv->n; j++) {
			size_t cp, co, k = nth_with_key(pv->v, pv->n, pv->v[j], &cp);
			struct symbol *t;

			if (pass(pv->v[j])->twin)
				continue;
			t = kth_with_key(ov->v, ov->n, pv->v[j], k);
			nth_with_key(ov->v, ov->n, pv->v[j], &co);
			if (t && cp == co && !pass(t)->twin) {
				pair(pv->v[j], t);
				progress = 1;
			}
		}
	}
	return progress;
}

static int find_parents(struct elf_obj *obj)
{
	size_t i;

	for (i = 1; i < obj->nsyms; i++) {
		struct symbol *s = &obj->syms[i], *parent;
		size_t len = cold_parent_len(s->name);
		char *pname;

		if (!sym_is_func(s) || !len)
			continue;
		pname = strndup(s->name, len);
		if (!pname) {
			ERROR(obj->path, "out of memory");
			return -1;
		}
		parent = find_symbol(obj, pname);
		if (parent && sym_is_func(parent))
			pass(s)->parent = parent;
		free(pname);
	}
	return 0;
}

static struct section *unique_section(const struct htab *h, const char *key)
{
	struct hent *e = htab_first(h, key);
	struct section *found = NULL;

	for (; e; e = htab_next(e)) {
		struct section *s = e->val;

		if (pass(s)->twin)
			continue;
		if (found)
			return NULL;
		found = s;
	}
	return found;
}

static void match_sections(struct ctx *ctx, bool by_key)
{
	struct elf_obj *p = &ctx->patched, *o = &ctx->orig;
	size_t i;

	for (i = 1; i < p->nsecs; i++) {
		struct section *s = &p->secs[i], *t, *u;
		const char *k = by_key ? s->key : s->name;

		if (pass(s)->twin)
			continue;
		t = unique_section(by_key ? &o->sec_by_key : &o->sec_by_name, k);
		u = unique_section(by_key ? &p->sec_by_key : &p->sec_by_name, k);
		if (t && u == s && t->sh.sh_type == s->sh.sh_type) {
			pass(s)->twin = t;
			pass(t)->twin = s;
		}
	}
}

int correlate(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	struct symv pv = { NULL, 0, 0 }, ov = { NULL, 0, 0 };
	struct corr c = { ctx, { code_refs(&ctx->orig), code_refs(p) } };
	size_t i;
	int progress;

	if (!c.code_ref[0] || !c.code_ref[1]) {
		free(c.code_ref[0]);
		free(c.code_ref[1]);
		ERROR(p->path, "out of memory");
		return -1;
	}
	match_unique(&c, false, true);		/* Must be first: globals anchor the rest */
	match_unique(&c, true, false);
	/* until nothing pairs: a paired static function's own statics pair next round */
	while ((progress = match_through_users(ctx, &pv, &ov)) > 0)
		;
	free(pv.v);
	free(ov.v);
	if (progress >= 0)
		match_unique(&c, false, false);
	free(c.code_ref[0]);
	free(c.code_ref[1]);
	if (progress < 0) {
		ERROR(p->path, "out of memory");
		return -1;
	}
	if (find_parents(&ctx->orig) || find_parents(p))
		return -1;

	/* sections follow the symbols that live in them */
	for (i = 1; i < p->nsyms; i++) {
		struct symbol *s = &p->syms[i];

		if (pass(s)->twin && s->sec && pass(s)->twin->sec && !pass(s->sec)->twin &&
		    !pass(pass(s)->twin->sec)->twin && s->sec->nsyms == 1 && pass(s)->twin->sec->nsyms == 1) {
			pass(s->sec)->twin = pass(s)->twin->sec;
			pass(pass(s)->twin->sec)->twin = s->sec;
		}
	}
	match_sections(ctx, false);
	match_sections(ctx, true);
	return 0;
}
