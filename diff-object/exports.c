/*
 * EXPORT_SYMBOL: a ___ksymtab+NAME (___ksymtab_gpl+NAME) section holding one
 * struct kernel_symbol { value, name, namespace } of 12 bytes on i386.
 * A patch that exports a new function carries the entry, so the patch
 * module exports it and modules loaded later can use it.  What cannot be
 * carried is dropped with a warning, never silently:
 *   - an export of a function the running kernel already has: the entry
 *     would name the kernel's function, which the module loader resolves
 *     only if it is exported already;
 *   - any new export of a cumulative patch (lkhp-diff -E): the patches it
 *     replaces stay loaded and export the same name, and the module loader
 *     refuses a second module exporting it.
 * A changed entry (another namespace, GPL-only now) is refused: the running
 * kernel keeps the old one.
 */
#include <string.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

bool is_export_section(const struct section *sec)
{
	return prefixed(sec->name, "___ksymtab+") || prefixed(sec->name, "___ksymtab_gpl+");
}

/* The exported symbol: the target of the entry's value field. */
static struct symbol *exported(const struct section *sec)
{
	struct reloc_target t;

	if (!sec->nrelocs || sec->relocs[0].offset != 0)
		return NULL;
	resolve_target(&sec->relocs[0], &t);
	return t.sym;
}

int check_exports(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	size_t i;

	for (i = 1; i < p->nsecs; i++) {
		struct section *sec = &p->secs[i];
		struct symbol *s;
		int same;

		if (!is_export_section(sec))
			continue;
		s = exported(sec);
		if (!s) {
			UNSUPPORTED(p->path, sec->name, "an export entry that names no symbol");
			continue;
		}
		if (pass(sec)->twin) {
			same = same_anon_section(pass(sec)->twin, sec);
			if (same < 0)
				return -1;
			if (!same)
				UNSUPPORTED(p->path, sec->name, "changed export of %s: the running "
					    "kernel keeps the old entry", s->name);
		} else if (pass(s)->ignored) {
			WARN(p->path, "%s: new export of %s, which the patch ignores: not carried",
			     sec->name, s->name);
		} else if (pass(s)->status != ST_NEW) {
			WARN(p->path, "%s: new export of %s, which the running kernel has: not "
			     "carried, modules loaded later cannot use it", sec->name, s->name);
		} else if (ctx->drop_exports) {
			WARN(p->path, "%s: new export of %s dropped: a cumulative patch cannot "
			     "export it next to the patches it replaces", sec->name, s->name);
		} else {
			pass(sec)->carry = true;
			pass(s)->include = true;	/* new data is included only if used */
		}
	}
	for (i = 1; i < ctx->orig.nsecs; i++) {
		const struct section *sec = &ctx->orig.secs[i];

		if (is_export_section(sec) && !pass(sec)->twin)
			WARN(p->path, "%s: the patch removes an export the running kernel "
			     "keeps", sec->name);
	}
	return 0;
}
