/*
 * lkhp-diff's state of an object, kept beside the model (diff.h): one
 * record per symbol and per section, reached through elf_obj.pass.
 */
#include <stdlib.h>

#include "diff.h"
#include "warn.h"

int pass_init(struct elf_obj *obj)
{
	struct obj_pass *op = calloc(1, sizeof(*op));

	if (op) {
		op->syms = calloc(obj->nsyms ? obj->nsyms : 1, sizeof(*op->syms));
		op->secs = calloc(obj->nsecs ? obj->nsecs : 1, sizeof(*op->secs));
	}
	obj->pass = op;
	if (!op || !op->syms || !op->secs) {
		ERROR(obj->path, "out of memory");
		return -1;
	}
	return 0;
}

void pass_free(struct elf_obj *obj)
{
	struct obj_pass *op = obj->pass;

	if (!op)
		return;
	dwarf_lines_close(obj);
	dwarf_close(obj);
	special_free(obj);
	free(op->forced);
	free(op->safe);
	free(op->syms);
	free(op->secs);
	free(op);
	obj->pass = NULL;
}
