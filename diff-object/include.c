/*
 * What travels with the changed and new functions: the closure over their
 * relocations (and those of their special-section entries), stopping at
 * anything the running kernel already has.  Unchanged functions and
 * existing data, static locals included, stay references to the kernel
 * so their state is kept; new data and read-only data with new contents
 * are copied, and so are the special statics (statics.h: __func__
 * strings, WARN_ONCE flags, ...) that included code uses.  Symbol-less
 * sections (jump tables, strings, constants) have no kernel identity and
 * are always copied; output.c does that, this pass only walks through them.
 */
#include <stdlib.h>

#include "diff.h"
#include "warn.h"

struct work {
	void **v;
	size_t n, cap;
};

struct walk {
	const struct symbol *from;	/* whose code is walked */
	struct work syms;	/* included symbols whose references are still to walk */
	struct work anon;	/* symbol-less sections still to walk */
	bool *walked;		/* by section index: an anonymous section is walked once */
};

static int push(struct work *w, void *p)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		void **v = realloc(w->v, cap * sizeof(*v));

		if (!v)
			return -1;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n++] = p;
	return 0;
}

bool must_include(const struct symbol *s)
{
	if (!s->sec || s->type == STT_SECTION || pass(s)->ignored)
		return false;
	if (sym_is_func(s))
		return pass(s)->status == ST_CHANGED || pass(s)->status == ST_NEW;
	/* a special static travels whatever its status: statics.c */
	if (pass(s)->status == ST_NEW || static_kind(s) != STATIC_KERNEL)
		return true;
	/* check.c refused the writable and global ones */
	return sym_is_data(s) && pass(s)->status == ST_CHANGED;
}

/*
 * What the relocations in [start, end) of sec reach, directly or through
 * symbol-less sections, however deep those nest.
 */
static int walk(struct walk *wk, struct section *sec, uint64_t start, uint64_t end)
{
	for (;;) {
		size_t i = reloc_lower_bound(sec, start);

		for (; i < sec->nrelocs && sec->relocs[i].offset < end; i++) {
			const char *why;
			struct reloc_target t;

			resolve_target(&sec->relocs[i], &t);
			why = ignored_reference(&t);
			if (why)
				UNSUPPORTED(wk->from->obj->path, wk->from->name, "refers to %s, %s",
					    t.sym ? t.sym->name : t.sec->name, why);
			else if (t.sym && !pass(t.sym)->include && must_include(t.sym)) {
				pass(t.sym)->include = true;
				if (push(&wk->syms, t.sym))
					return -1;
			} else if (t.sec && !pass(t.sec)->special && !wk->walked[t.sec->idx]) {
				wk->walked[t.sec->idx] = true;
				if (push(&wk->anon, t.sec))
					return -1;
			}
		}
		if (!wk->anon.n)
			return 0;
		sec = wk->anon.v[--wk->anon.n];
		start = 0;
		end = sec->size;
	}
}

int include(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	struct walk wk = { NULL, { NULL, 0, 0 }, { NULL, 0, 0 }, calloc(p->nsecs, sizeof(bool)) };
	size_t i, k;
	int ret = -1;

	if (!wk.walked)
		goto out;
	for (i = 1; i < p->nsyms; i++)
		if (pass(&p->syms[i])->include && push(&wk.syms, &p->syms[i]))
			goto out;
	while (wk.syms.n) {
		struct symbol *s = wk.syms.v[--wk.syms.n];

		wk.from = s;
		if (walk(&wk, s->sec, s->sym.st_value, s->sym.st_value + s->sym.st_size))
			goto out;
		if (!sym_is_func(s))
			continue;
		for (k = 0; k < pass(p)->nspecials; k++) {
			struct special_sec *ss = &pass(p)->specials[k];
			struct special_entry *e;
			size_t n = special_entries(ss, s, &e), j;

			for (j = 0; j < n; j++)
				if (walk(&wk, ss->sec, e[j].offset, e[j].offset + ss->entsize))
					goto out;
		}
	}
	ret = 0;
out:
	free(wk.syms.v);
	free(wk.anon.v);
	free(wk.walked);
	if (ret)
		ERROR(p->path, "out of memory");
	return ret;
}
