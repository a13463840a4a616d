/*
 * What travels with the changed and new functions: the closure over their
 * relocations (and those of their special-section entries), stopping at
 * anything the running kernel already has.  Unchanged functions and
 * existing data, static locals included, stay references to the kernel
 * so their state is kept; new data and read-only data with new contents
 * are copied.  Symbol-less sections (jump tables, strings, constants) have
 * no kernel identity and are always copied; output.c does that, this pass
 * only walks through them.
 */
#include <stdlib.h>

#include "diff.h"
#include "warn.h"

struct work {
	struct symbol **v;
	size_t n, cap;
};

static int push(struct work *w, struct symbol *s)
{
	if (w->n == w->cap) {
		size_t cap = w->cap ? w->cap * 2 : 64;
		struct symbol **v = realloc(w->v, cap * sizeof(*v));

		if (!v)
			return -1;
		w->v = v;
		w->cap = cap;
	}
	w->v[w->n++] = s;
	return 0;
}

bool must_include(const struct symbol *s)
{
	if (!s->sec || s->type == STT_SECTION)
		return false;
	if (sym_is_func(s))
		return s->status == ST_CHANGED || s->status == ST_NEW;
	if (s->status == ST_NEW)
		return true;
	/* check.c refused the writable and global ones */
	return sym_is_data(s) && s->status == ST_CHANGED;
}

static int walk(struct work *w, struct section *sec, uint64_t start, uint64_t end, int depth)
{
	size_t i = reloc_lower_bound(sec, start);

	for (; i < sec->nrelocs && sec->relocs[i].offset < end; i++) {
		struct target t;

		resolve_target(&sec->relocs[i], &t);
		if (t.sym && !t.sym->include && must_include(t.sym)) {
			t.sym->include = true;
			if (push(w, t.sym))
				return -1;
		} else if (t.sec && !t.sec->special && depth < 4 &&
			   walk(w, t.sec, 0, t.sec->size, depth + 1)) {
			return -1;
		}
	}
	return 0;
}

int include(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	struct work w = { NULL, 0, 0 };
	size_t i, k;
	int ret = -1;

	for (i = 1; i < p->nsyms; i++)
		if (p->syms[i].include && push(&w, &p->syms[i]))
			goto out;
	while (w.n) {
		struct symbol *s = w.v[--w.n];

		if (walk(&w, s->sec, s->sym.st_value, s->sym.st_value + s->sym.st_size, 0))
			goto out;
		if (!sym_is_func(s))
			continue;
		for (k = 0; k < p->nspecials; k++) {
			struct special_sec *ss = &p->specials[k];
			struct special_entry *e;
			size_t n = special_entries(ss, s, &e), j;

			for (j = 0; j < n; j++)
				if (walk(&w, ss->sec, e[j].offset, e[j].offset + ss->entsize, 0))
					goto out;
		}
	}
	ret = 0;
out:
	free(w.v);
	if (ret)
		ERROR(p->path, "out of memory");
	return ret;
}
