/* The passes of lkhp-diff and the state they share. */
#ifndef LKHP_DIFF_H
#define LKHP_DIFF_H

#include <string.h>

#include <lkhp/consts.h>

#include "elf.h"
#include "statics.h"

enum status { ST_NONE, ST_SAME, ST_CHANGED, ST_NEW };

/* What the passes know of a symbol; beside the model, by symbol index. */
struct sym_pass {
	struct symbol *twin;
	struct symbol *parent;	/* foo for foo.cold */
	enum status status;
	bool include;		/* copied into the output */
	bool report;		/* named in the report */
	bool ignored;		/* macros.c: left out, as if unchanged */
	const char *unsplittable;	/* shared.c: why it cannot leave its section alone */
	uint64_t unsplittable_at;	/* where, from the function's start */
};

/* What the passes know of a section, by section index. */
struct sec_pass {
	struct section *twin;
	const struct special_desc *special;
	enum status anon_status;/* memo for comparing symbol-less sections */
	bool anon_busy;
	bool carry;		/* exports.c, macros.c: copied whole into the output */
	bool ignored;		/* macros.c: its symbols are left out */
	bool macro;		/* one of lkhp-macros.h's sections */
};

/* lkhp-diff's state of one object: elf_obj.pass. */
struct obj_pass {
	struct sym_pass *syms;
	struct sec_pass *secs;
	struct special_sec *specials;	/* special.c */
	size_t nspecials;
	void *dwarf;			/* dwarf.c: its Dwarf handle, NULL if none */
	struct line_table *lines;	/* dwarf-lines.c: NULL if none */
	bool lines_tried;
	struct section *force_unsafe;	/* macros.c: LKHP_FORCE_UNSAFE_SECTION */
	size_t *forced;			/* the offsets of its entries that travel */
	size_t nforced;
	struct layout_safe *safe;	/* macros.c: LKHP_LAYOUT_SAFE entries */
	size_t nsafe;
};

/* LKHP_LAYOUT_SAFE(type, reason): strings of the patched object's data. */
struct layout_safe {
	const char *type;	/* "struct foo", as the author wrote it */
	const char *reason;
	bool used;		/* layouts.c: it accepted a layout change */
};

int pass_init(struct elf_obj *obj);
void pass_free(struct elf_obj *obj);

static inline struct obj_pass *obj_pass(const struct elf_obj *obj)
{
	return obj->pass;
}

static inline struct sym_pass *sym_pass(const struct symbol *s)
{
	return &obj_pass(s->obj)->syms[s->idx];
}

static inline struct sec_pass *sec_pass(const struct section *sec)
{
	return &obj_pass(sec->obj)->secs[sec->idx];
}

/* pass(x): the pass state of a symbol, section or object */
#define pass(x) _Generic((x),						\
	struct symbol *: sym_pass, const struct symbol *: sym_pass,	\
	struct section *: sec_pass, const struct section *: sec_pass,	\
	struct elf_obj *: obj_pass, const struct elf_obj *: obj_pass)(x)

struct ctx {
	struct elf_obj orig, patched;
	const char *out_path;
	bool drop_exports;	/* -E: a cumulative patch carries no new export */
	bool module;		/* -m: module code of a kernel that unloads modules */
	unsigned changed;	/* functions reported */
};

/* What a relocation points at, seen through section symbols. */
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

/* macros.c: lkhp-macros.h's sections of the patched object */
int macros_read(struct ctx *ctx);
int macros_check(struct ctx *ctx);
/* Why included code may not refer to t, or NULL. */
const char *ignored_reference(const struct reloc_target *t);
/* The LKHP_LAYOUT_SAFE entry of type ("struct foo"), or NULL. */
struct layout_safe *layout_safe(struct elf_obj *obj, const char *type);

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

/* dwarf-lines.c: the line table, read on first use */
struct line_row {
	uint64_t addr;
	const char *file;	/* relative to the compilation directory */
	int line;
	bool end;		/* a sequence ends here: no code from here on */
	size_t order;		/* in the table: of one address, the last is in effect */
};

int dwarf_lines_open(struct elf_obj *obj);
void dwarf_lines_close(struct elf_obj *obj);
/* The line the instruction at off of sec comes from; NULL: none known. */
const struct line_row *dwarf_line_at(struct elf_obj *obj, const struct section *sec,
				     uint64_t off);

/* A place in the sources. */
struct src_line {
	const char *file;	/* relative to the compilation directory */
	int line;
};

/*
 * Where the inlined functions the instruction at off of sec lies in were
 * called, innermost first, at most max of them.
 */
size_t dwarf_inline_calls(struct elf_obj *obj, const struct section *sec, uint64_t off,
			  struct src_line *out, size_t max);

/* lines.c: is a changed number a __LINE__ that only moved? */
enum line_verdict {
	LINE_ERROR = -1,	/* reported */
	LINE_CHANGED,		/* a real change */
	LINE_MOVED,		/* the line of code that moved, nothing else */
	LINE_NO_TABLE,		/* no line table for this code: ask the callee list */
};

/* a in the original function o, b in its twin p, at off of their code */
enum line_verdict line_moved(const struct symbol *o, const struct symbol *p, uint64_t off,
			     int64_t a, int64_t b);
/* Do strings a and b differ in one decimal number only (*na in a, *nb in b)? */
bool line_numbers(const char *a, const char *b, int64_t *na, int64_t *nb);

/* dwarf-layout.c: named struct/union/enum layouts and who reaches them */
struct layout {
	char *name;		/* "struct foo", "struct foo (in f)" if local to f */
	char *type;		/* "struct foo" */
	char *sig;		/* size and members: equal strings, equal layouts */
	const char *file;	/* where it is declared (libdw's string) */
	bool header;		/* declared in a .h: other objects may use it */
	uint64_t die;		/* its DIE's offset: the users of this very type */
};

struct layouts {
	struct layout *v;
	size_t n;
	struct htab by_name;
};

int dwarf_layouts(struct elf_obj *obj, struct layouts *l);
void dwarf_layouts_free(struct layouts *l);
/* How a user reaches a type. */
enum type_use {
	USE_VARIABLE,	/* a variable with a static address */
	USE_STACK,	/* a function, only by value: instances on its own stack */
	USE_POINTER,	/* a function, also through a pointer: instances it did not make */
};

/*
 * fn(name, use, arg) for each defined function and static variable of obj
 * whose type, parameters or locals reach type (one of obj's layouts), until
 * fn returns non-zero (then that is returned); -1: out of memory (reported).
 */
int dwarf_type_users(struct elf_obj *obj, const struct layout *type,
		     int (*fn)(const char *name, enum type_use use, void *arg), void *arg);

/* layouts.c */
int check_layouts(struct ctx *ctx);

/* the pipeline, in the order main() runs it */
int correlate(struct ctx *ctx);
int compare(struct ctx *ctx);
int check_unsupported(struct ctx *ctx);
void note_kthread_functions(struct ctx *ctx);
int include(struct ctx *ctx);
bool must_include(const struct symbol *s);
int output_write(struct ctx *ctx);

#endif
