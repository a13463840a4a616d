/*
 * --originals DIR: DIR/INPUT is the object lkhp-build compiled from the
 * target's unpatched source for each input.  They are opened once: the
 * check that they are the target's code (verify.c) reads them, and so does
 * the pinning of source files whose name several files of a target share.
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

int originals_open(struct mkpatch *mk)
{
	size_t i;

	if (!mk->originals)
		return 0;
	mk->orig = calloc(mk->ninputs, sizeof(*mk->orig));
	if (!mk->orig) {
		ERROR(mk->out_path, "out of memory");
		return -1;
	}
	for (i = 0; i < mk->ninputs; i++) {
		struct original *g = &mk->orig[i];

		g->input = mk->in[i].path;
		g->obj.fd = -1;
		g->path = malloc(strlen(mk->originals) + strlen(g->input) + 2);
		if (!g->path) {
			ERROR(mk->out_path, "out of memory");
			return -1;
		}
		sprintf(g->path, "%s/%s", mk->originals, g->input);
		if (elf_obj_open(&g->obj, g->path))
			return -1;
	}
	return 0;
}

void originals_close(struct mkpatch *mk)
{
	size_t i;

	for (i = 0; mk->orig && i < mk->ninputs; i++) {
		elf_obj_close(&mk->orig[i].obj);
		free(mk->orig[i].path);
	}
	free(mk->orig);
	mk->orig = NULL;
}

/* The source file an object was compiled from: its first STT_FILE. */
static const char *source_file(const struct elf_obj *o)
{
	size_t i;

	for (i = 1; i < o->nsyms; i++)
		if (o->syms[i].type == STT_FILE)
			return o->syms[i].name;
	return NULL;
}

static bool same_file_elsewhere(const struct mkpatch *mk, size_t i, const char *file)
{
	size_t j;

	for (j = 0; j < mk->ninputs; j++) {
		const char *f = source_file(&mk->orig[j].obj);

		if (j != i && f && !strcmp(f, file) && mk->in[j].t == mk->in[i].t)
			return true;
	}
	return false;
}

/*
 * Each original's statics pin its source file's block of its target's symtab,
 * so a static the patch refers to by FILE/NAME is found in the right
 * raw.c, or in a module without STT_FILEs in the right file at all.  Two
 * inputs of the same file name would need two pins for one name: those
 * stay ambiguous (and are refused if a lookup needs them).
 */
int pin_original_files(struct mkpatch *mk)
{
	size_t i, j, n;

	for (i = 0; mk->orig && i < mk->ninputs; i++) {
		const struct elf_obj *o = &mk->orig[i].obj;
		const char *file = source_file(o), **names;
		int r;

		if (!file || same_file_elsewhere(mk, i, file))
			continue;
		names = calloc(o->nsyms, sizeof(*names));
		if (!names) {
			ERROR(mk->out_path, "out of memory");
			return -1;
		}
		for (j = 1, n = 0; j < o->nsyms; j++) {
			const struct symbol *s = &o->syms[j];

			/* the linker drops .discard.* (__UNIQUE_ID___addressable_*) */
			if (s->bind == STB_LOCAL && (sym_is_func(s) || sym_is_data(s)) &&
			    strncmp(s->sec->name, ".discard", 8))
				names[n++] = s->name;
		}
		r = target_pin(mk->in[i].t, file, names, n);
		free(names);
		if (r < 0) {
			ERROR(mk->out_path, "out of memory");
			return -1;
		}
		if (r)
			NOTE(mk->orig[i].input, "no single %s of " TARGET_FMT " has all its statics",
			     file, TARGET_ARG(mk->in[i].t));
	}
	return 0;
}
