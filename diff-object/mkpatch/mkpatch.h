/*
 * lkhp-mkpatch: the linked patch object, the running kernel's symbols and
 * the tables that tie them together (lkhp_patch_func, lkhp_patch_reloc of
 * runtime-kmod/include/lkhp/patch.h).
 */
#ifndef LKHP_MKPATCH_H
#define LKHP_MKPATCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include <lkhp/consts.h>

#include "../elf.h"
#include "../statics.h"
#include "../warn.h"


/* ---- target.c, vmlinux.c, ko.c: a target object (vmlinux or a module's
 * .ko), the truth for the symbols of the patch's objects ---- */
struct sites {			/* code addresses the kernel rewrites, sorted */
	uint32_t *addr;
	size_t n;
};

struct vsym {
	const char *name;
	const char *file;	/* STT_FILE in effect, locals only */
	const struct section *sec;
	uint32_t value, size;	/* value: the address (a .ko's: in ko.c's layout) */
	unsigned char bind, type;
	bool text;		/* defined in an executable section */
	size_t idx;		/* position in the symtab */
};

struct target {
	const char *name;	/* the module's; NULL: vmlinux */
	const char *path;
	struct elf_obj obj;	/* the model: sections and symbols */
	struct vsym *syms;
	size_t nsyms;
	struct htab by_name;	/* every named defined symbol */
	struct htab by_file;	/* locals, keyed "FILE/NAME" */
	struct htab by_file_key;/* gcc-numbered locals, "FILE/KEY" (name_key()) */
	char *keys;		/* storage of the by_file keys */
	char **clone_keys;	/* storage of the by_file_key keys */
	size_t nclone_keys;
	struct sites fentry;	/* __mcount_loc: ftrace sites */
	struct sites jump;	/* __jump_table: static branches */
	struct htab pins;	/* FILE -> struct file_pin (target_pin()) */
	bool no_files;		/* a .ko without STT_FILE: statics by name alone,
				 * or in their file's pin */
};

/* The symtab range [start, end) holding one source file's statics. */
struct file_pin {
	size_t start, end;
};

/* A symbol with a name of its own: not a file, not a section. */
static inline bool vsym_named(const struct vsym *s)
{
	return s->name[0] && s->type != STT_FILE && s->type != STT_SECTION;
}

int vmlinux_open(struct target *t, const char *path);
int module_open(struct target *t, const char *name, const char *path);
int target_read_symtab(struct target *t);
void sites_sort(struct sites *s);
void target_close(struct target *t);

/* "vmlinux" or "module NAME", for messages. */
#define TARGET_FMT "%s%s"
#define TARGET_ARG(t) ((t)->name ? "module " : "vmlinux"), ((t)->name ? (t)->name : "")

enum lookup { FOUND, NOT_FOUND, AMBIGUOUS, LOOKUP_ERROR /* out of memory */ };
/* A global (or weak) symbol by name; file == NULL. */
enum lookup target_global(const struct target *t, const char *name, bool func,
			  const struct vsym **out);
/* A local symbol by source file and name, or by name_key() when by_key. */
enum lookup target_local(const struct target *t, const char *file, const char *name,
			 bool func, bool by_key, const struct vsym **out);
uint32_t target_sympos(const struct target *t, const struct vsym *s);
uint32_t target_table_addr(const struct target *t, const struct vsym *s);
/*
 * Several source files of the same name (net/ipv4/raw.c, net/ipv6/raw.c):
 * tie FILE's statics to the one whose symtab block has all of names[] (the
 * statics of the object compiled from it, in symtab order); in a module
 * without STT_FILEs, to the one run of local symbols that is names[].
 * 0: pinned or no need, 1: no single block has them all (lookups stay
 * ambiguous), -1: out of memory.
 */
int target_pin(struct target *t, const char *file, const char *const *names, size_t n);
/* The bytes at an address range, NULL if no section holds them. */
const unsigned char *target_bytes(struct target *t, uint32_t addr, size_t len);
int target_field(struct target *t, uint32_t addr, uint32_t *value, const char **undef,
		 int32_t *addend);
bool target_has_fentry(const struct target *t, uint32_t addr);
uint32_t target_jump_site_in(const struct target *t, uint32_t addr, uint32_t len);

/* ---- identity.c: which kernel vmlinux is ---- */
struct kident {
	char release[65];	/* uname -r: struct new_utsname's 65 bytes */
	char version[65];	/* uname -v */
	uint32_t anchor;	/* link-time address of LKHP_ANCHOR_SYMBOL */
	uint32_t data_anchor;	/* and of LKHP_DATA_ANCHOR_SYMBOL */
};

int vmlinux_identity(struct target *v, struct kident *id);

/* ---- symvers.c: what the module loader resolves by itself ---- */
struct symvers_ent {		/* one export */
	const char *owner;	/* the exporter's column: "vmlinux", a module's path */
	char *module;		/* a module's name (kbuild's), NULL: vmlinux */
	uint32_t crc;		/* its symbol version (0: no CONFIG_MODVERSIONS) */
};

struct symvers {
	struct htab names;	/* name -> struct symvers_ent */
	struct symvers_ent *ents;
	size_t nents;
	char *buf;
};

int symvers_read(struct symvers *sv, const char *path);
/* The export of that name, NULL: not exported. */
const struct symvers_ent *symvers_find(const struct symvers *sv, const char *name);
void symvers_free(struct symvers *sv);

/* ---- modinfo.c: what a module's .ko says of its dependencies ---- */
/* Whether module t's .modinfo lists module (kbuild's name) in depends=. */
bool module_depends_on(const struct target *t, const char *module);
/* The CRC t's __versions records for name: FOUND, NOT_FOUND (no entry). */
enum lookup module_import_crc(const struct target *t, const char *name, uint32_t *crc);

/* ---- resolve.c: the tables ---- */
struct kref {			/* a kernel symbol named by the patch */
	struct target *t;	/* whose symbol it is */
	const char *name;	/* as the target names it */
	const char *file;	/* its source file for a static, else NULL */
	const struct vsym *vs;	/* NULL: an export (export), or the loader's */
	const struct symvers_ent *export;	/* another module's export */
	uint32_t sympos;
};

struct mk_func {
	struct kref old;
	struct symbol *new_func;	/* in the linked object */
	uint32_t site_offset;
	bool force_unsafe;		/* LKHP_FUNC_FORCE_UNSAFE (macros.c) */
	bool near_jump;			/* LKHP_FUNC_JMP_REL32: the ljmp does not fit */
	bool init;			/* LKHP_FUNC_INIT: a module's __init function */
};

struct mk_reloc {
	struct kref sym;
	const char *undef;	/* the undefined symbol's name in the inputs */
	struct section *sec;	/* place: sec + offset in the linked object */
	uint32_t offset;
	uint32_t type;		/* LKHP_R_386_* */
	int32_t addend;
};

struct jump_move {		/* an entry of the linked __jump_table */
	struct target *to;	/* the module whose table takes it; NULL: it stays */
	size_t out_sec;		/* its place in OUT.o */
	uint32_t out_off;
};

struct mk_jump_table {		/* OUT.o's section of one module's entries */
	struct target *t;
	char *secname;		/* LKHP_JUMP_SECTION_PREFIX NAME */
	size_t out_sec;
	size_t n;
};

struct input {			/* an object lkhp-diff wrote */
	const char *path;	/* OBJ of [NAME:]OBJ, as given */
	struct target *t;	/* its symbols' truth: vmlinux or module NAME */
	struct elf_obj obj;	/* read once linked: what it defines, refers to */
};

struct mkpatch {
	const char *vmlinux_path, *symvers_path, *tables_path, *out_path;
	const char *runtime_symvers_path;	/* lkhp.ko's Module.symvers, or NULL */
	const char *name, *source_sha256;	/* the patch's, for the header */
	const char *originals;	/* --originals: DIR/INPUT is INPUT's original object */
	struct original *orig;	/* one per input, NULL without --originals */
	bool replace;				/* a cumulative patch */
	bool print_release;			/* only say which kernel vmlinux is */
	struct kident kernel;
	char **args;		/* [NAME:]OBJ... */
	struct input *in;	/* one per argument */
	size_t ninputs;
	char **module_args;	/* --module NAME=KO... */
	bool debug;

	struct target vm;
	struct target *mods;	/* one per --module */
	size_t nmods;
	struct symvers sv;
	struct symvers runtime_sv;	/* lkhp.ko's exports */
	char *linked_path;	/* ld -r output, a temporary file */
	struct elf_obj obj;	/* the linked object */

	struct mk_func *funcs;
	size_t nfuncs;
	struct mk_reloc *relocs;
	size_t nrelocs;
	const struct vsym **by_addr;	/* vmlinux's kallsyms symbols by address */
	size_t naddr;
	const struct vsym **aliases;	/* other names of the addresses named */
	size_t naliases;
	size_t ncallbacks;	/* entries of the linked LKHP_CALLBACK_SECTION */
	bool *drop_reloc;	/* per reloc of obj, by section: see reloc_slot() */
	size_t *reloc_base;	/* first slot of each section's relocs */
	bool *has_place;	/* per section of obj: an LKHP relocation's place */
	size_t *out_sec;	/* per section of obj: its index in OUT.o, 0: not there */
	const struct section *jump_sec;	/* __jump_table, if entries move (jumps.c) */
	struct jump_move *jumps;	/* per entry of jump_sec */
	size_t njumps;
	struct mk_jump_table *jump_tables;
	size_t njump_tables;
};

/* ---- inputs.c, link.c: the inputs, their targets, the linked object ---- */
int open_targets(struct mkpatch *mk);
int parse_inputs(struct mkpatch *mk);
int open_inputs(struct mkpatch *mk);
void inputs_close(struct mkpatch *mk);
/* The target of the input that defines s (a static: in s's file); NULL: reported. */
struct target *defining_target(struct mkpatch *mk, const struct symbol *s);
/* The first input of t that refers to the undefined name; NULL: none does. */
const char *input_referring(const struct mkpatch *mk, const struct target *t, const char *name);
int link_inputs(struct mkpatch *mk);
int find_functions(struct mkpatch *mk);
int find_relocs(struct mkpatch *mk);
int check_rewritten_sites(struct mkpatch *mk);

/* ---- originals.c, verify.c: the objects lkhp-build compiled from the
 * target's source, and the check that they are the target's code ---- */
struct original {
	const char *input;	/* as given: the object's path in the tree */
	char *path;		/* --originals DIR/input */
	struct elf_obj obj;
};

int originals_open(struct mkpatch *mk);
int pin_original_files(struct mkpatch *mk);
void originals_close(struct mkpatch *mk);
int verify_originals(struct mkpatch *mk);

/* ---- kallsyms.c: what lkhp.ko's sprint_symbol() check will see ---- */
/* The aliases of the vmlinux addresses named; refuses what cannot verify. */
int check_kallsyms(struct mkpatch *mk);

/* ---- carried.c: no copy of a kernel variable travels ---- */
int check_carried_data(struct mkpatch *mk);
/* The input an error is about: the first that defines (or refers to) name. */
const char *blame(struct mkpatch *mk, const char *name, bool defined);

static inline bool *reloc_dropped(struct mkpatch *mk, const struct reloc *r)
{
	return &mk->drop_reloc[mk->reloc_base[r->sec->idx] + (size_t)(r - r->sec->relocs)];
}

/* ---- macros.c: what lkhp-macros.h's sections ask of the patch module ---- */
/* force_unsafe for the functions LKHP_FORCE_UNSAFE_SECTION names. */
int mark_force_unsafe(struct mkpatch *mk);
/* Each input's callbacks are for its target; counts them (ncallbacks). */
int check_callbacks(struct mkpatch *mk);
void print_callbacks(const struct mkpatch *mk);
/* Sections of the linked object that lkhp-mkpatch reads and OUT.o lacks. */
bool dropped_section(const struct section *sec);

/* ---- jumps.c: static branches on a module's keys, out of __jump_table ---- */
int jump_entry_move(struct mkpatch *mk, const struct reloc *r, struct target *t);
bool jump_moved(const struct mkpatch *mk, const struct section *sec, uint32_t off);
int copy_jump_table(struct mkpatch *mk, struct elf_out *eo, const struct section *sec);
/* Where sec + off of the linked object is in OUT.o. */
void out_place(const struct mkpatch *mk, const struct section *sec, uint32_t off,
	       size_t *out_sec, uint32_t *out_off);
void write_jump_tables(const struct mkpatch *mk, FILE *f);
void jumps_free(struct mkpatch *mk);

/* ---- writer.c, tables.c: the outputs ---- */
/* The global the header reaches a section of OUT.o by: __lkhp_sec_INDEX. */
#define LKHP_SEC_SYM "__lkhp_sec_"
/* The global at the start of OUT.o's LKHP_CALLBACK_SECTION. */
#define LKHP_CALLBACKS_SYM "__lkhp_callbacks"

int build_object(struct mkpatch *mk, struct elf_out *eo);
int write_tables(struct mkpatch *mk, FILE *f);

#endif
