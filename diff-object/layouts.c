/*
 * A type whose layout the patch changes: the running kernel's objects of
 * that type keep the old layout, and so does the unchanged code that uses
 * them.  Read from DWARF (Debian's kernel builds with it; without DWARF
 * there is nothing to compare), a changed struct, union or enum is refused
 *   - when a header declares it: other objects use it, unchanged;
 *   - when a variable of this object with a static address reaches it
 *     (live data of the old layout);
 *   - when an unchanged function of this object reaches it.
 * Otherwise only changed and new functions use it (a .c-local struct on
 * their stacks), and the new layout travels with them.
 */
#include <string.h>

#include "diff.h"
#include "warn.h"

struct blame {
	struct ctx *ctx;
	const char *user;
	bool is_func;
};

static int unchanged_or_live(const char *name, bool is_func, void *arg)
{
	struct blame *b = arg;
	struct hent *e;

	if (is_func) {
		for (e = htab_first(&b->ctx->patched.sym_by_name, name); e; e = htab_next(e)) {
			const struct symbol *s = e->val;

			if (sym_is_func(s) && pass(s)->status == ST_SAME)
				break;
		}
		if (!e)
			return 0;	/* changed or new: comes along */
	}
	b->user = name;
	b->is_func = is_func;
	return 1;
}

static int check_layout(struct ctx *ctx, const struct layout *o, const struct layout *p)
{
	struct blame b = { ctx, NULL, false };
	int r;

	if (!strcmp(o->sig, p->sig))
		return 0;
	if (p->header) {
		UNSUPPORTED(ctx->patched.path, p->name, "layout changed (%s -> %s), and %s "
			    "declares it: the rest of the kernel keeps the old one", o->sig,
			    p->sig, p->file);
		return 0;
	}
	r = dwarf_type_users(&ctx->patched, p->name, unchanged_or_live, &b);
	if (r < 0)
		return -1;
	if (r)
		UNSUPPORTED(ctx->patched.path, p->name, "layout changed (%s -> %s), and %s %s "
			    "uses it with the old one", o->sig, p->sig,
			    b.is_func ? "unchanged function" : "live variable", b.user);
	else
		NOTE(ctx->patched.path, "%s: layout changed, used only by changed code",
		     p->name);
	return 0;
}

int check_layouts(struct ctx *ctx)
{
	struct layouts lo, lp;
	size_t i;
	int ret = -1;

	if (dwarf_layouts(&ctx->orig, &lo))
		return -1;
	if (dwarf_layouts(&ctx->patched, &lp))
		goto out_orig;
	for (i = 0; i < lp.n; i++) {
		struct hent *e = htab_first(&lo.by_name, lp.v[i].name);

		if (e && check_layout(ctx, e->val, &lp.v[i]))
			goto out;
	}
	ret = 0;
out:
	dwarf_layouts_free(&lp);
out_orig:
	dwarf_layouts_free(&lo);
	return ret;
}
