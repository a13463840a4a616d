/*
 * Refusals: changes a function-level live patch cannot carry.  Each prints
 * the contract's "ERROR: OBJ: SYMBOL: reason" line; main() exits 2 when
 * any was printed.  Runs after compare(), before anything is included.
 */
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

#define REFUSE(ctx, sym, ...) UNSUPPORTED((ctx)->patched.path, (sym), __VA_ARGS__)

/*
 * Why what sec holds is gone from the running kernel, or NULL.  A module's
 * __exit code stays in its core text while it is loaded and runs at rmmod
 * (lkhp-build gives -m only when the kernel unloads modules): an ordinary
 * function.  A module's __init code runs at each load, after lkhp.ko has
 * switched the patch in (LKHP_FUNC_INIT): patched for the loads that follow.
 */
static const char *init_exit_gone(const struct ctx *ctx, const struct section *sec)
{
	if (sec_is_init(sec) && !ctx->module)
		return "__init code and data are freed once init has run";
	if (sec_is_exit(sec) && !ctx->module)
		return "__exit code and data are discarded (vmlinux's at link, a module's "
		       "at load when the kernel cannot unload modules)";
	return NULL;
}

/* The function around a code relocation, or NULL. */
static struct symbol *reloc_owner(const struct reloc *r)
{
	struct symbol *s = section_symbol_at(r->sec, r->offset);

	return s && sym_is_func(s) ? s : NULL;
}

/*
 * A changed prototype is safe only if every caller comes along: the running
 * kernel's unchanged callers would pass the old arguments to the new code.
 */
static int check_prototype(struct ctx *ctx, struct symbol *p)
{
	struct elf_obj *obj = &ctx->patched;
	char *po = NULL, *pp = NULL;
	size_t i, j;
	int ret = 0;

	if (strcmp(p->name, p->key) || strchr(p->name, '.'))
		return 0;	/* gcc clones change their signature on purpose */
	if (dwarf_prototype(&ctx->orig, pass(p)->twin->name, &po) ||
	    (po && dwarf_prototype(obj, p->name, &pp)))
		ret = -1;
	if (!po || !pp || !strcmp(po, pp))
		goto out;
	if (p->bind != STB_LOCAL) {
		REFUSE(ctx, p->name, "prototype changed (%s -> %s) and callers outside "
		       "this object use the old one", po, pp);
		goto out;
	}
	for (i = 1; i < obj->nsecs; i++) {
		struct section *sec = &obj->secs[i];

		/* lkhp-macros.h's entries name functions, never call them */
		if (pass(sec)->special || pass(sec)->macro || !(sec->sh.sh_flags & SHF_ALLOC))
			continue;
		for (j = 0; j < sec->nrelocs; j++) {
			struct reloc_target t;
			struct symbol *user;

			resolve_target(&sec->relocs[j], &t);
			if (t.sym != p)
				continue;
			user = sec_is_text(sec) ? reloc_owner(&sec->relocs[j]) : NULL;
			if (user && pass(user)->include)
				continue;
			REFUSE(ctx, p->name, "prototype changed (%s -> %s) and unchanged %s "
			       "still uses the old one", po, pp,
			       user ? user->name : sec->name);
			goto out;
		}
	}
out:
	free(po);
	free(pp);
	return ret;
}

static int check_function(struct ctx *ctx, struct symbol *s)
{
	struct section *sec = s->sec;
	size_t i = reloc_lower_bound(sec, s->sym.st_value);
	const char *what = pass(s)->status == ST_NEW ? "new" : "changed";
	const char *gone = init_exit_gone(ctx, sec);

	if (gone) {
		REFUSE(ctx, s->name, "%s function in %s: init/exit code cannot be patched: %s",
		       what, sec->name, gone);
		return 0;
	}
	if (pass(s)->unsplittable) {
		REFUSE(ctx, s->name, "%s function shares %s with other functions and cannot "
		       "be carried alone: %s at +0x%lx", what, sec->name, pass(s)->unsplittable,
		       (unsigned long)pass(s)->unsplittable_at);
		return 0;
	}
	for (; i < sec->nrelocs && sec->relocs[i].offset < s->sym.st_value + s->sym.st_size; i++) {
		uint32_t type = sec->relocs[i].type;

		if (!arch_reloc_supported(type) && type != R_386_NONE) {
			REFUSE(ctx, s->name, "unsupported relocation %s at +0x%lx",
			       arch_reloc_name(type),
			       (unsigned long)(sec->relocs[i].offset - s->sym.st_value));
			return 0;
		}
	}
	if (pass(s)->status == ST_CHANGED && pass(s)->twin)
		return check_prototype(ctx, s);
	return 0;
}

static void check_data(struct ctx *ctx, struct symbol *s)
{
	struct section *sec = s->sec;
	const char *gone = init_exit_gone(ctx, sec);

	/* a copy travels with the code that uses it: include.c */
	if (pass(s)->status != ST_CHANGED || static_kind(s) != STATIC_KERNEL)
		return;
	if (gone)
		REFUSE(ctx, s->name, "changed init/exit data in %s: %s", sec->name, gone);
	else if (!strcmp(sec->name, ".data..ro_after_init") ||
		 prefixed(sec->name, ".data..ro_after_init."))
		REFUSE(ctx, s->name, "changed __ro_after_init data: the running value "
		       "was set at boot and cannot be replaced");
	else if ((sec->sh.sh_flags & SHF_WRITE) || s->bind != STB_LOCAL)
		REFUSE(ctx, s->name, "changed initial value or size of existing data "
		       "(%lu -> %lu bytes): live data keeps its old layout and value",
		       (unsigned long)pass(s)->twin->sym.st_size, (unsigned long)s->sym.st_size);
}

/* Special entries with no owning function must not change at all. */
static void check_orphans(struct ctx *ctx)
{
	size_t k;

	for (k = 0; k < pass(&ctx->patched)->nspecials; k++) {
		struct special_sec *ps = &pass(&ctx->patched)->specials[k];
		struct special_sec *os = special_find(&ctx->orig, ps->desc->name);
		struct special_entry *pe, *oe = NULL;
		size_t np = special_entries(ps, NULL, &pe);
		size_t no = os ? special_entries(os, NULL, &oe) : 0, j;
		bool same = np == no;

		for (j = 0; same && j < np; j++)
			same = os->entsize == ps->entsize &&
			       !memcmp(os->sec->data + oe[j].offset, ps->sec->data + pe[j].offset,
				       ps->entsize);
		if (!same)
			REFUSE(ctx, ps->desc->name, "changed entry not attributable to a function");
	}
}

/*
 * Sections that hold no function or object and that no code reaches,
 * directly or through other sections (.initcall*, __param, .modinfo, ...):
 * a change there changes boot-time behaviour a live patch cannot reach.
 * What code reaches is compared as part of that code.
 */
static bool anon_candidate(const struct section *sec, const bool *reached)
{
	return (sec->sh.sh_flags & SHF_ALLOC) && !sec->nsyms && !pass(sec)->special &&
	       !pass(sec)->ignored &&
	       !is_export_section(sec) &&
	       !(sec->sh.sh_flags & (SHF_STRINGS | SHF_MERGE)) && !reached[sec->idx] &&
	       sec->sh.sh_type != SHT_NOTE && sec->sh.sh_type != SHT_GROUP &&
	       !prefixed(sec->name, ".discard") && strcmp(sec->name, ".altinstr_replacement") &&
	       strcmp(sec->name, ".altinstr_aux");
}

/* By section index: code, or what code refers to, directly or through sections. */
static bool *reached_from_code(const struct elf_obj *obj)
{
	bool *reached = calloc(obj->nsecs, sizeof(*reached));
	size_t *todo = calloc(obj->nsecs, sizeof(*todo)), n = 0, i, j;

	if (!reached || !todo) {
		free(reached);
		free(todo);
		ERROR(obj->path, "out of memory");
		return NULL;
	}
	for (i = 1; i < obj->nsecs; i++)
		if (sec_is_text(&obj->secs[i])) {
			reached[i] = true;
			todo[n++] = i;
		}
	/* each section is queued once: todo never holds more than nsecs */
	while (n) {
		const struct section *sec = &obj->secs[todo[--n]];

		for (j = 0; j < sec->nrelocs; j++) {
			const struct section *t = sec->relocs[j].sym->sec;

			if (t && !reached[t->idx]) {
				reached[t->idx] = true;
				todo[n++] = t->idx;
			}
		}
	}
	free(todo);
	return reached;
}

static int check_other_sections(struct ctx *ctx)
{
	struct elf_obj *obj = &ctx->patched;
	bool *reached = reached_from_code(obj);
	size_t i;
	int ret = -1;

	if (!reached)
		return -1;
	for (i = 1; i < obj->nsecs; i++) {
		struct section *sec = &obj->secs[i], *o = pass(sec)->twin;
		int same;

		if (!anon_candidate(sec, reached))
			continue;
		if (!o) {
			if (sec->size)
				REFUSE(ctx, sec->name, "new section of a non-function kind");
			continue;
		}
		same = same_anon_section(o, sec);
		if (same < 0)
			goto out;
		if (!same)
			REFUSE(ctx, sec->name, "changed section of a non-function kind");
	}
	ret = 0;
out:
	free(reached);
	return ret;
}

int check_unsupported(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	size_t i;

	for (i = 1; i < p->nsyms; i++) {
		struct symbol *s = &p->syms[i];

		if (sym_is_func(s) && pass(s)->include && check_function(ctx, s))
			return -1;
		if (sym_is_data(s))
			check_data(ctx, s);
	}
	check_orphans(ctx);
	return check_exports(ctx) || check_other_sections(ctx) || check_layouts(ctx);
}
