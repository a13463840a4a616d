/*
 * The patch author's sections (lkhp-macros.h; names in lkhp/consts.h), read
 * from the patched object:
 *   LKHP_IGNORE_FUNCTIONS_SECTION  pointers to functions left out: taken as
 *       unchanged, so never compared, carried, reported or refused; included
 *       code that refers to one refers to the running kernel's (include.c
 *       refuses it when the kernel has none: a new function)
 *   LKHP_IGNORE_SECTIONS_SECTION   pointers to section names: everything in
 *       such a section is left out the same way, and included code may not
 *       refer to it at all (the kernel's .init.text is freed after boot, and
 *       what the source now says is not what the kernel has)
 *   LKHP_FORCE_UNSAFE_SECTION      pointers to changed functions: their
 *       entries travel to lkhp-mkpatch (output.c), which flags those
 *       functions LKHP_FUNC_FORCE_UNSAFE
 *   LKHP_CALLBACK_SECTION          struct lkhp_callback entries: checked
 *       here and carried whole, with the functions and strings they name
 *   LKHP_LAYOUT_SAFE_SECTION       pairs of pointers to strings, a type
 *       and a reason: layouts.c accepts that type's changed layout although
 *       changed code reaches it through pointers
 * The sections' own symbols are never compared or carried, and nothing but
 * the callbacks and the force-unsafe entries lkhp-mkpatch reads travels.
 */
#include <stdlib.h>
#include <string.h>

#include "arch.h"
#include "callback.h"
#include "diff.h"
#include "warn.h"

#define PTR_SIZE 4

static void ignore_section(struct section *sec)
{
	size_t i;

	pass(sec)->ignored = true;
	for (i = 0; i < sec->nsyms; i++)
		pass(sec->syms[i])->ignored = true;
}

/*
 * The function a pointer entry of sec at off names, or NULL with a refusal:
 * each is an R_386_32 to the function (or to its section, plus an addend).
 */
static struct symbol *entry_function(struct elf_obj *obj, struct section *sec, size_t off,
				     const char *macro)
{
	struct reloc *r = reloc_at(sec, off);
	const char *why = NULL;
	struct reloc_target t = { NULL, NULL, 0 };

	if (r && r->type == R_386_32)
		resolve_target(r, &t);
	if (!t.sym)
		why = "names no symbol";
	else if (!sym_defined(t.sym))
		why = "names a function this object does not define";
	else if (!sym_is_func(t.sym))
		why = "names something that is not a function";
	else if (t.off)
		why = "points inside a function, not at its start";
	if (!why)
		return t.sym;
	UNSUPPORTED(obj->path, t.sym ? t.sym->name : sec->name, "%s (%s+0x%zx) %s", macro,
		    sec->name, off, why);
	return NULL;
}

/* A section of pointers: whole entries, one relocation each. */
static bool pointer_section(struct elf_obj *obj, struct section *sec, const char *macro)
{
	if (sec->data && sec->size % PTR_SIZE == 0 && sec->nrelocs == sec->size / PTR_SIZE)
		return true;
	UNSUPPORTED(obj->path, sec->name, "%s entries are %d-byte pointers: %zu bytes with %zu "
		    "relocations is not", macro, PTR_SIZE, sec->size, sec->nrelocs);
	return false;
}

static void read_ignored_functions(struct elf_obj *obj, struct section *sec)
{
	const char *macro = "LKHP_IGNORE_FUNCTION";
	size_t off;

	if (!pointer_section(obj, sec, macro))
		return;
	for (off = 0; off < sec->size; off += PTR_SIZE) {
		struct symbol *f = entry_function(obj, sec, off, macro);

		if (!f)
			continue;
		pass(f)->ignored = true;
		NOTE(obj->path, "%s: ignored (%s)", f->name, macro);
	}
}

static void read_ignored_sections(struct elf_obj *obj, struct section *sec)
{
	const char *macro = "LKHP_IGNORE_SECTION";
	size_t off;

	if (!pointer_section(obj, sec, macro))
		return;
	for (off = 0; off < sec->size; off += PTR_SIZE) {
		struct reloc *r = reloc_at(sec, off);
		const char *name = r ? reloc_string(r) : NULL;
		struct hent *e;

		if (!name) {
			UNSUPPORTED(obj->path, sec->name, "%s (+0x%zx) does not point at a string",
				    macro, off);
			continue;
		}
		e = htab_first(&obj->sec_by_name, name);
		if (!e)
			WARN(obj->path, "%s(\"%s\"): no such section: no effect", macro, name);
		for (; e; e = htab_next(e)) {
			struct section *s = e->val;

			if (pass(s)->macro) {
				UNSUPPORTED(obj->path, name, "%s of a section of lkhp-macros.h", macro);
				continue;
			}
			ignore_section(s);
			NOTE(obj->path, "%s: ignored with its %zu symbols (%s)", name, s->nsyms,
			     macro);
		}
	}
}

static int read_layout_safe(struct elf_obj *obj, struct section *sec)
{
	const char *macro = "LKHP_LAYOUT_SAFE";
	struct obj_pass *op = pass(obj);
	size_t off;

	if (!pointer_section(obj, sec, macro))
		return 0;
	if (sec->size % (2 * PTR_SIZE)) {
		UNSUPPORTED(obj->path, sec->name, "%s entries are pairs of pointers: %zu bytes "
			    "is not", macro, sec->size);
		return 0;
	}
	op->safe = calloc(sec->size / (2 * PTR_SIZE), sizeof(*op->safe));
	if (!op->safe) {
		ERROR(obj->path, "out of memory");
		return -1;
	}
	for (off = 0; off < sec->size; off += 2 * PTR_SIZE) {
		struct reloc *t = reloc_at(sec, off), *r = reloc_at(sec, off + PTR_SIZE);
		struct layout_safe *e = &op->safe[op->nsafe];

		e->type = t ? reloc_string(t) : NULL;
		e->reason = r ? reloc_string(r) : NULL;
		if (e->type && e->reason && *e->reason)
			op->nsafe++;
		else
			UNSUPPORTED(obj->path, sec->name, "%s (+0x%zx) does not point at a type "
				    "and a reason", macro, off);
	}
	return 0;
}

struct layout_safe *layout_safe(struct elf_obj *obj, const char *type)
{
	size_t i;

	for (i = 0; i < pass(obj)->nsafe; i++)
		if (!strcmp(pass(obj)->safe[i].type, type))
			return &pass(obj)->safe[i];
	return NULL;
}

int macros_read(struct ctx *ctx)
{
	static const char *const names[] = {
		LKHP_CALLBACK_SECTION, LKHP_IGNORE_FUNCTIONS_SECTION,
		LKHP_IGNORE_SECTIONS_SECTION, LKHP_FORCE_UNSAFE_SECTION,
		LKHP_LAYOUT_SAFE_SECTION,
	};
	struct elf_obj *p = &ctx->patched;
	struct section *sec;
	size_t i;

	for (i = 0; i < sizeof(names) / sizeof(names[0]); i++) {
		sec = find_section(p, names[i]);
		if (sec) {
			pass(sec)->macro = true;
			ignore_section(sec);
		}
	}
	sec = find_section(p, LKHP_IGNORE_SECTIONS_SECTION);
	if (sec)
		read_ignored_sections(p, sec);
	sec = find_section(p, LKHP_IGNORE_FUNCTIONS_SECTION);
	if (sec)
		read_ignored_functions(p, sec);
	sec = find_section(p, LKHP_LAYOUT_SAFE_SECTION);
	if (sec && read_layout_safe(p, sec))
		return -1;
	/* foo.cold goes where foo goes (correlate.c tied them) */
	for (i = 1; i < p->nsyms; i++)
		if (pass(&p->syms[i])->parent && pass(pass(&p->syms[i])->parent)->ignored)
			pass(&p->syms[i])->ignored = true;
	return 0;
}

const char *ignored_reference(const struct reloc_target *t)
{
	const struct section *sec = t->sym ? t->sym->sec : t->sec;

	if (sec && pass(sec)->ignored)
		return "in a section the patch ignores (LKHP_IGNORE_SECTION): the running "
		       "kernel's copy is not what the source says, or is gone (.init*)";
	if (t->sym && pass(t->sym)->ignored && !pass(t->sym)->twin)
		return "a new function the patch ignores (LKHP_IGNORE_FUNCTION): neither the "
		       "patch nor the running kernel has it";
	return NULL;
}

/* Why the callback entry at off cannot be carried, or NULL. */
static const char *bad_callback(struct section *sec, size_t off, struct symbol **fn)
{
	const unsigned char *e = sec->data + off;
	struct reloc *objname = reloc_at(sec, off + LKHP_CALLBACK_OBJNAME_OFF);
	struct reloc *r = reloc_at(sec, off + LKHP_CALLBACK_FN_OFF);
	size_t first = reloc_lower_bound(sec, off);
	size_t end = reloc_lower_bound(sec, off + LKHP_CALLBACK_SIZE);
	struct reloc_target t = { NULL, NULL, 0 };

	if (r && r->type == R_386_32)
		resolve_target(r, &t);
	*fn = t.sym;
	if (!callback_type_name((uint32_t)arch_read_addend(e + LKHP_CALLBACK_TYPE_OFF, 4)))
		return "its type is not an LKHP_CB_* value";
	if (objname ? !reloc_string(objname) : !!arch_read_addend(e + LKHP_CALLBACK_OBJNAME_OFF, 4))
		return "its objname is neither NULL nor a string";
	if (end - first != 1u + !!objname)
		return "it has relocations outside its objname and fn fields";
	if (!t.sym || !sym_is_func(t.sym) || t.off)
		return "its fn is not a function this object defines";
	if (pass(t.sym)->status != ST_NEW && pass(t.sym)->status != ST_CHANGED)
		return "its fn is not new or changed code of the patch: lkhp.ko calls only "
		       "functions of the patch module";
	return NULL;
}

static void check_callbacks(struct elf_obj *obj, struct section *sec)
{
	size_t off;
	unsigned bad = 0;

	if (!sec->data || sec->size % LKHP_CALLBACK_SIZE) {
		UNSUPPORTED(obj->path, sec->name, "%zu bytes do not split into %d-byte struct "
			    "lkhp_callback entries", sec->size, LKHP_CALLBACK_SIZE);
		return;
	}
	for (off = 0; off < sec->size; off += LKHP_CALLBACK_SIZE) {
		struct symbol *fn;
		const char *why = bad_callback(sec, off, &fn);

		if (!why)
			continue;
		UNSUPPORTED(obj->path, fn ? fn->name : sec->name, "callback entry %s+0x%zx: %s",
			    sec->name, off, why);
		bad++;
	}
	pass(sec)->carry = !bad;
}

static int check_force_unsafe(struct elf_obj *obj, struct section *sec)
{
	const char *macro = "LKHP_FORCE_UNSAFE";
	struct obj_pass *op = pass(obj);
	size_t off;

	if (!pointer_section(obj, sec, macro))
		return 0;
	op->forced = calloc(sec->size / PTR_SIZE, sizeof(*op->forced));
	if (!op->forced) {
		ERROR(obj->path, "out of memory");
		return -1;
	}
	op->force_unsafe = sec;
	for (off = 0; off < sec->size; off += PTR_SIZE) {
		struct symbol *f = entry_function(obj, sec, off, macro);

		if (!f)
			continue;
		if (pass(f)->status == ST_CHANGED && !pass(f)->parent)
			op->forced[op->nforced++] = off;
		else
			WARN(obj->path, "%s(%s): not a changed function, so it replaces nothing: "
			     "no effect", macro, f->name);
	}
	return 0;
}

int macros_check(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	struct section *sec = find_section(p, LKHP_CALLBACK_SECTION);

	if (sec)
		check_callbacks(p, sec);
	sec = find_section(p, LKHP_FORCE_UNSAFE_SECTION);
	return sec ? check_force_unsafe(p, sec) : 0;
}
