/*
 * A type whose layout the patch changes: the running kernel's objects of
 * that type keep the old layout, and so does the unchanged code that uses
 * them.  Read from DWARF (Debian's kernel builds with it; without DWARF
 * there is nothing to compare, and a warning says so), a changed struct,
 * union or enum is refused
 *   - when a header declares it: other objects use it, unchanged;
 *   - when a variable of this object with a static address reaches it
 *     (live data of the old layout);
 *   - when an unchanged function of this object reaches it;
 *   - when a changed or new function reaches it through a pointer: the
 *     instance may have been made before the patch (a netlink dump's
 *     context, a seq_file's private data) and outlive the switch, unless
 *     the author declares otherwise with LKHP_LAYOUT_SAFE.
 * Otherwise only changed and new functions use it, on their own stacks,
 * and the new layout travels with them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "warn.h"

struct blame {
	struct ctx *ctx;
	const char *user;	/* the unchanged function or live variable */
	enum type_use use;
	FILE *pointer_users;	/* ", f, g": changed code reaching it through pointers */
};

static int unchanged_or_live(const char *name, enum type_use use, void *arg)
{
	struct blame *b = arg;
	struct hent *e;

	if (use != USE_VARIABLE) {
		for (e = htab_first(&b->ctx->patched.sym_by_name, name); e; e = htab_next(e)) {
			const struct symbol *s = e->val;

			if (sym_is_func(s) && pass(s)->status == ST_SAME)
				break;
		}
		if (!e) {	/* changed or new: comes along */
			if (use == USE_POINTER)
				fprintf(b->pointer_users, ", %s", name);
			return 0;
		}
	}
	b->user = name;
	b->use = use;
	return 1;
}

static void check_pointer_users(struct ctx *ctx, const struct layout *o, const struct layout *p,
				const char *users)
{
	struct layout_safe *safe = layout_safe(&ctx->patched, p->type);

	if (!*users) {
		NOTE(ctx->patched.path, "%s: layout changed, used only by changed code, on "
		     "their stacks", p->name);
	} else if (safe) {
		safe->used = true;
		NOTE(ctx->patched.path, "%s: layout changed, reached through pointers by %s: "
		     "LKHP_LAYOUT_SAFE: %s", p->name, users + 2, safe->reason);
	} else {
		UNSUPPORTED(ctx->patched.path, p->name, "layout changed (%s -> %s), and changed "
			    "code reaches it through pointers (%s): an instance made before the "
			    "patch would be used with the new layout; if none can be, say why "
			    "with LKHP_LAYOUT_SAFE(%s, \"reason\")", o->sig, p->sig, users + 2,
			    p->name);
	}
}

static int check_layout(struct ctx *ctx, const struct layout *o, const struct layout *p)
{
	struct blame b = { ctx, NULL, USE_VARIABLE, NULL };
	char *users = NULL;
	size_t len;
	int r;

	if (!strcmp(o->sig, p->sig))
		return 0;
	if (p->header) {
		UNSUPPORTED(ctx->patched.path, p->name, "layout changed (%s -> %s), and %s "
			    "declares it: the rest of the kernel keeps the old one", o->sig,
			    p->sig, p->file);
		return 0;
	}
	b.pointer_users = open_memstream(&users, &len);
	if (!b.pointer_users) {
		ERROR(ctx->patched.path, "out of memory");
		return -1;
	}
	r = dwarf_type_users(&ctx->patched, p, unchanged_or_live, &b);
	if (fclose(b.pointer_users) && r >= 0) {
		ERROR(ctx->patched.path, "out of memory");
		r = -1;
	}
	if (r > 0)
		UNSUPPORTED(ctx->patched.path, p->name, "layout changed (%s -> %s), and %s %s "
			    "uses it with the old one", o->sig, p->sig,
			    b.use == USE_VARIABLE ? "live variable" : "unchanged function", b.user);
	else if (r == 0)
		check_pointer_users(ctx, o, p, users);
	free(users);
	return r < 0 ? -1 : 0;
}

int check_layouts(struct ctx *ctx)
{
	struct layouts lo, lp;
	size_t i;
	int ret = -1;

	if (!pass(&ctx->orig)->dwarf || !pass(&ctx->patched)->dwarf)
		WARN(ctx->patched.path, "no DWARF (built without debug info): type layouts "
		     "and function prototypes not checked");
	if (dwarf_layouts(&ctx->orig, &lo))
		return -1;
	if (dwarf_layouts(&ctx->patched, &lp))
		goto out_orig;
	for (i = 0; i < lp.n; i++) {
		struct hent *e = htab_first(&lo.by_name, lp.v[i].name);

		if (e && check_layout(ctx, e->val, &lp.v[i]))
			goto out;
	}
	for (i = 0; i < pass(&ctx->patched)->nsafe; i++)
		if (!pass(&ctx->patched)->safe[i].used)
			WARN(ctx->patched.path, "LKHP_LAYOUT_SAFE(%s): no changed layout that "
			     "changed code reaches through pointers: no effect",
			     pass(&ctx->patched)->safe[i].type);
	ret = 0;
out:
	dwarf_layouts_free(&lp);
out_orig:
	dwarf_layouts_free(&lo);
	return ret;
}
