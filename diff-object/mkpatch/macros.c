/*
 * What lkhp-macros.h's sections, as lkhp-diff carries them, ask of the
 * patch module (../macros.c reads the author's side):
 *   LKHP_FORCE_UNSAFE_SECTION  pointers to replaced functions: their
 *       lkhp_funcs[] entries get LKHP_FUNC_FORCE_UNSAFE; the section is read
 *       here and left out of OUT.o
 *   LKHP_CALLBACK_SECTION      struct lkhp_callback entries: ld -r gathers
 *       the inputs' in input order, and OUT.o keeps them as one section,
 *       the patch's callbacks table (writer.c names its start).  Each entry's
 *       objname must be its input's target: NULL in an object of vmlinux,
 *       the module's name in one of a module
 */
#include <string.h>

#include "../arch.h"
#include "../callback.h"
#include "mkpatch.h"

bool dropped_section(const struct section *sec)
{
	return !strcmp(sec->name, LKHP_FORCE_UNSAFE_SECTION);
}

/* The symbol a relocation points at the start of, or NULL. */
static const struct symbol *pointee(const struct reloc *r)
{
	struct reloc_target t;

	resolve_target(r, &t);
	return t.sym && !t.off ? t.sym : NULL;
}

int mark_force_unsafe(struct mkpatch *mk)
{
	const struct section *sec = find_section(&mk->obj, LKHP_FORCE_UNSAFE_SECTION);
	size_t i, j;

	for (i = 0; sec && i < sec->nrelocs; i++) {
		const struct symbol *f = pointee(&sec->relocs[i]);

		if (!f || !sym_is_func(f)) {
			ERROR(mk->out_path, "%s+0x%x: an entry that names no function of the patch",
			      sec->name, sec->relocs[i].offset);
			return -1;
		}
		for (j = 0; j < mk->nfuncs; j++)
			if (mk->funcs[j].new_func->sec == f->sec &&
			    mk->funcs[j].new_func->sym.st_value == f->sym.st_value)
				break;
		if (j < mk->nfuncs)
			mk->funcs[j].force_unsafe = true;
		else
			WARN(blame(mk, f->name, true), "LKHP_FORCE_UNSAFE(%s): it replaces no "
			     "function of the kernel: no effect", f->name);
	}
	return 0;
}

/* The function an entry calls, for messages. */
static const char *callback_fn(const struct section *sec, size_t off)
{
	const struct reloc *r = reloc_at(sec, off + LKHP_CALLBACK_FN_OFF);
	const struct symbol *fn = r ? pointee(r) : NULL;

	return fn ? fn->name : sec->name;
}

/* The objname of the entry at off; false: it is neither NULL nor a string. */
static bool callback_objname(const struct section *sec, size_t off, const char **name)
{
	const struct reloc *r = reloc_at(sec, off + LKHP_CALLBACK_OBJNAME_OFF);

	*name = r ? reloc_string(r) : NULL;
	return r ? *name != NULL : !arch_read_addend(sec->data + off + LKHP_CALLBACK_OBJNAME_OFF, 4);
}

int check_callbacks(struct mkpatch *mk)
{
	const struct section *all = find_section(&mk->obj, LKHP_CALLBACK_SECTION);
	size_t i, off, total = 0;
	int ret = 0;

	for (i = 0; i < mk->ninputs; i++) {
		const struct input *in = &mk->in[i];
		const struct section *sec = find_section(&in->obj, LKHP_CALLBACK_SECTION);

		if (!sec)
			continue;
		if (!sec->data || sec->size % LKHP_CALLBACK_SIZE) {
			ERROR(in->path, "%s: %zu bytes do not split into %d-byte callbacks",
			      sec->name, sec->size, LKHP_CALLBACK_SIZE);
			return -1;
		}
		total += sec->size;
		for (off = 0; off < sec->size; off += LKHP_CALLBACK_SIZE) {
			const char *name;

			if (!callback_objname(sec, off, &name)) {
				ERROR(in->path, "%s+0x%zx: objname is neither NULL nor a string",
				      sec->name, off);
				return -1;
			}
			if (name ? in->t->name && !strcmp(name, in->t->name) : !in->t->name)
				continue;
			UNSUPPORTED(in->path, callback_fn(sec, off), "a callback of %s%s in an "
				    "object of " TARGET_FMT ": it would run when the other is patched",
				    name ? "module " : "vmlinux", name ? name : "", TARGET_ARG(in->t));
			ret = -1;
		}
	}
	/* ld -r appends same-named sections: 4-byte aligned 12-byte entries, no gaps */
	if (total != (all ? all->size : 0)) {
		ERROR(mk->out_path, "%s: the inputs have %zu bytes, the linked object %zu",
		      LKHP_CALLBACK_SECTION, total, all ? all->size : 0);
		return -1;
	}
	mk->ncallbacks = total / LKHP_CALLBACK_SIZE;
	return ret;
}

void print_callbacks(const struct mkpatch *mk)
{
	const struct section *sec = find_section(&mk->obj, LKHP_CALLBACK_SECTION);
	size_t off;

	for (off = 0; sec && off < sec->size; off += LKHP_CALLBACK_SIZE) {
		const char *name, *type;

		callback_objname(sec, off, &name);
		type = callback_type_name((uint32_t)arch_read_addend(sec->data + off + LKHP_CALLBACK_TYPE_OFF, 4));
		printf("callback: %s %s [%s]\n", type ? type : "?", callback_fn(sec, off),
		       name ? name : "vmlinux");
	}
}
