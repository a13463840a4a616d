/* The passes of lkhp-diff and the state they share. */
#ifndef LKHP_DIFF_H
#define LKHP_DIFF_H

#include <string.h>

#include "elf.h"

struct ctx {
	struct elf_obj orig, patched;
	const char *out_path;
	bool drop_exports;	/* -E: a cumulative patch carries no new export */
	unsigned changed;	/* functions reported */
};

/* What a relocation points at, seen through section symbols. */
struct target {
	struct symbol *sym;	/* named target (defined or undefined), or NULL */
	struct section *sec;	/* anonymous target: a section without owner */
	int64_t off;		/* byte offset from sym, or from sec's start */
};

void resolve_target(const struct reloc *r, struct target *t);
/* 1 same, 0 changed, -1 the comparison failed (reported) */
int same_anon_section(struct section *o, struct section *p);

/* special.c */
struct special_entry {
	size_t offset;		/* in the special section */
	struct symbol *owner;	/* the function it belongs to, NULL if none */
	int64_t owner_off;
};

struct special_sec {
	struct section *sec;
	const struct special_desc *desc;
	size_t entsize;
	struct special_entry *ents;	/* grouped by owner, in section order */
	size_t nents;
	size_t *first;			/* by owner symbol index */
	size_t *count;
};

int special_read(struct elf_obj *obj);
struct special_sec *special_find(struct elf_obj *obj, const char *name);
size_t special_entries(const struct special_sec *ss, const struct symbol *owner,
		       struct special_entry **ents);
void special_free(struct elf_obj *obj);

static inline bool prefixed(const char *s, const char *prefix)
{
	return !strncmp(s, prefix, strlen(prefix));
}

/* exports.c */
bool is_export_section(const struct section *sec);
int check_exports(struct ctx *ctx);

/* shared.c: run on each object before anything is compared */
int split_shared_sections(struct elf_obj *obj);

/* dwarf.c */
int dwarf_open(struct elf_obj *obj);
long dwarf_struct_size(struct elf_obj *obj, const char *name);
/*
 * *out: "int (*struct seq_file, *void)", or NULL when DWARF does not know
 * func.  -1 on an error (reported).
 */
int dwarf_prototype(struct elf_obj *obj, const char *func, char **out);
void dwarf_close(struct elf_obj *obj);

/* the pipeline, in the order main() runs it */
int correlate(struct ctx *ctx);
int compare(struct ctx *ctx);
int check_unsupported(struct ctx *ctx);
int include(struct ctx *ctx);
bool must_include(const struct symbol *s);
int output_write(struct ctx *ctx);

#endif
