/*
 * Only new variables travel with a patch.  A copy of a variable the running
 * kernel already has starts zeroed (or at its initial value) and the
 * patched code works on it while the rest of the kernel keeps using its
 * own: a silent wrong patch, the kind a relocation lkhp-diff failed to turn
 * into a kernel reference makes (it once did for a[i - 1]).  So whatever
 * the inputs say, writable data that the input's target (vmlinux, or the
 * module it is an object of) defines under the same name (a static: in the
 * same source file) is refused here, but for the special statics that
 * are each call site's own state (a WARN_ONCE flag, statics.h).  Read-only
 * data may travel: its new contents are the change and no state is lost.
 */
#include <string.h>

#include "mkpatch.h"

static bool writable_data(const struct symbol *s)
{
	return sym_is_data(s) && (s->sec->sh.sh_flags & SHF_ALLOC) &&
	       (s->sec->sh.sh_flags & SHF_WRITE) &&
	       static_kind(s) != STATIC_FRESH;	/* each patch has its own: statics.h */
}

int check_carried_data(struct mkpatch *mk)
{
	int ret = 0;
	size_t i;

	for (i = 1; i < mk->obj.nsyms; i++) {
		const struct symbol *s = &mk->obj.syms[i];
		const struct vsym *vs;
		struct target *t;
		enum lookup r;

		if (!writable_data(s))
			continue;
		t = defining_target(mk, s);
		if (!t)
			r = LOOKUP_ERROR;	/* reported */
		else if (s->bind != STB_LOCAL)
			r = target_global(t, s->name, false, &vs);
		else if (s->file)
			r = target_local(t, s->file, s->name, false, false, &vs);
		else
			continue;	/* a static of no file is nothing of the kernel */
		if (!t) {
			ret = -1;
			continue;
		}
		if (r == LOOKUP_ERROR) {
			ERROR(mk->out_path, "out of memory");
			return -1;
		}
		if (r == NOT_FOUND)
			continue;
		UNSUPPORTED(blame(mk, s->name, true), s->name,
			    "the patch would carry a copy of the kernel's variable %s%s%s in %s: "
			    "the patched code would use the copy, the kernel its own",
			    s->name, s->file ? " of " : "", s->file ? s->file : "", s->sec->name);
		ret = -1;
	}
	return ret;
}
