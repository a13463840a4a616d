/*
 * The inputs and their targets.  An input OBJ is an object of vmlinux, an
 * input NAME:OBJ one of module NAME (declared by --module NAME=KO): the
 * target whose symbols its references mean and whose functions it
 * replaces.  `ld -r` merges the inputs into one object, so each input is
 * also read on its own: which of them defines a function or refers to an
 * undefined name tells whose it is.
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

static struct target *module_named(struct mkpatch *mk, const char *name, size_t len)
{
	size_t i;

	for (i = 0; i < mk->nmods; i++)
		if (strlen(mk->mods[i].name) == len && !strncmp(mk->mods[i].name, name, len))
			return &mk->mods[i];
	return NULL;
}

int open_targets(struct mkpatch *mk)
{
	size_t i;

	for (i = 0; mk->module_args && mk->module_args[i]; i++)
		;
	mk->mods = calloc(i + 1, sizeof(*mk->mods));
	if (!mk->mods) {
		ERROR(mk->out_path, "out of memory");
		return -1;
	}
	for (i = 0; mk->module_args && mk->module_args[i]; i++) {
		char *arg = mk->module_args[i], *eq = strchr(arg, '=');

		mk->mods[i].obj.fd = -1;
		if (!eq || eq == arg || !eq[1] || strcspn(arg, ":/") < (size_t)(eq - arg)) {
			ERROR(arg, "--module wants NAME=KO, NAME without ':' or '/'");
			return -1;
		}
		*eq = '\0';
		if (module_named(mk, arg, strlen(arg))) {
			ERROR(arg, "module declared twice by --module");
			return -1;
		}
		mk->nmods++;
		if (module_open(&mk->mods[i], arg, eq + 1))
			return -1;
	}
	return 0;
}

int parse_inputs(struct mkpatch *mk)
{
	size_t i;

	mk->in = calloc(mk->ninputs, sizeof(*mk->in));
	if (!mk->in) {
		ERROR(mk->out_path, "out of memory");
		return -1;
	}
	for (i = 0; i < mk->ninputs; i++) {
		struct input *in = &mk->in[i];
		const char *arg = mk->args[i];
		size_t len = strcspn(arg, ":/");

		in->obj.fd = -1;
		in->path = arg;
		in->t = &mk->vm;
		if (arg[len] != ':')
			continue;	/* a path: an object of vmlinux */
		in->t = module_named(mk, arg, len);
		if (!in->t) {
			ERROR(arg, "module %.*s is not declared by --module", (int)len, arg);
			return -1;
		}
		in->path = arg + len + 1;
	}
	return 0;
}

int open_inputs(struct mkpatch *mk)
{
	size_t i;

	for (i = 0; i < mk->ninputs; i++)
		if (elf_obj_open(&mk->in[i].obj, mk->in[i].path))
			return -1;
	return 0;
}

void inputs_close(struct mkpatch *mk)
{
	size_t i;

	for (i = 0; mk->in && i < mk->ninputs; i++)
		elf_obj_close(&mk->in[i].obj);
	free(mk->in);
	mk->in = NULL;
	for (i = 0; i < mk->nmods; i++)
		target_close(&mk->mods[i]);
	free(mk->mods);
	mk->mods = NULL;
}

/* The input's symbol of that name, defined (a static: in file) or not. */
static bool has_symbol(const struct input *in, const char *name, const char *file, bool defined)
{
	struct hent *e;

	for (e = htab_first(&in->obj.sym_by_name, name); e; e = htab_next(e)) {
		const struct symbol *o = e->val;

		if (sym_defined(o) != defined)
			continue;
		if (!file || (o->bind == STB_LOCAL && o->file && !strcmp(o->file, file)))
			return true;
	}
	return false;
}

struct target *defining_target(struct mkpatch *mk, const struct symbol *s)
{
	const char *file = s->bind == STB_LOCAL ? s->file : NULL;
	struct target *t = NULL;
	size_t i;

	for (i = 0; i < mk->ninputs; i++) {
		if (!has_symbol(&mk->in[i], s->name, file, true))
			continue;
		if (t && t != mk->in[i].t) {
			UNSUPPORTED(mk->in[i].path, s->name, "defined by objects of " TARGET_FMT
				    " and of " TARGET_FMT " in files of one name: whose it is "
				    "cannot be told", TARGET_ARG(t), TARGET_ARG(mk->in[i].t));
			return NULL;
		}
		t = mk->in[i].t;
	}
	/* ld -r makes no function or variable of its own: one input has it */
	return t ? t : &mk->vm;
}

const char *input_referring(const struct mkpatch *mk, const struct target *t, const char *name)
{
	size_t i;

	for (i = 0; mk->in && i < mk->ninputs; i++)
		if (mk->in[i].t == t && has_symbol(&mk->in[i], name, NULL, false))
			return mk->in[i].path;
	return NULL;
}

/*
 * The first input that defines (or refers to, for an undefined kernel
 * symbol) a symbol of that name; named as given, the object's path in the
 * kernel tree, as lkhp-build passes it.
 */
const char *blame(struct mkpatch *mk, const char *name, bool defined)
{
	size_t i;

	for (i = 0; mk->in && i < mk->ninputs; i++)
		if (has_symbol(&mk->in[i], name, NULL, defined))
			return mk->in[i].path;
	if (mk->in && mk->ninputs == 1)
		return mk->in[0].path;
	return strrchr(mk->out_path, '/') ? strrchr(mk->out_path, '/') + 1 : mk->out_path;
}
