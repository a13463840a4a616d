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

#include <lkhp/consts.h>

#include "../elf.h"
#include "../warn.h"


/* ---- vmlinux.c: the running kernel's symbol table ---- */
struct sites {			/* code addresses the kernel rewrites, sorted */
	uint32_t *addr;
	size_t n;
};

struct vsym {
	const char *name;
	const char *file;	/* STT_FILE in effect, locals only */
	uint32_t value, size;
	unsigned char bind, type;
	bool text;		/* defined in an executable section */
	size_t idx;		/* position in the symtab */
};

struct vmlinux {
	const char *path;
	struct elf_obj obj;	/* the model: sections and symbols */
	struct vsym *syms;
	size_t nsyms;
	struct htab by_name;	/* every named symbol */
	struct htab by_file;	/* locals, keyed "FILE/NAME" */
	struct htab by_file_key;/* gcc-numbered locals, "FILE/KEY" (name_key()) */
	char *keys;		/* storage of the by_file keys */
	char **clone_keys;	/* storage of the by_file_key keys */
	size_t nclone_keys;
	struct sites fentry;	/* __mcount_loc: ftrace sites */
	struct sites jump;	/* __jump_table: static branches */
	struct htab pins;	/* FILE -> struct file_pin (vmlinux_pin()) */
};

/* The symtab range [start, end) holding one source file's statics. */
struct file_pin {
	size_t start, end;
};

int vmlinux_open(struct vmlinux *v, const char *path);
void vmlinux_close(struct vmlinux *v);

enum lookup { FOUND, NOT_FOUND, AMBIGUOUS, LOOKUP_ERROR /* out of memory */ };
/* A global (or weak) symbol by name; file == NULL. */
enum lookup vmlinux_global(const struct vmlinux *v, const char *name, bool func,
			   const struct vsym **out);
/* A local symbol by source file and name, or by name_key() when by_key. */
enum lookup vmlinux_local(const struct vmlinux *v, const char *file, const char *name,
			  bool func, bool by_key, const struct vsym **out);
uint32_t vmlinux_sympos(const struct vmlinux *v, const struct vsym *s);
/*
 * Several source files of the same name (net/ipv4/raw.c, net/ipv6/raw.c):
 * tie FILE's statics to the one whose symtab block has all of names[] (the
 * statics of the object compiled from it).  0: pinned or no need, 1: no
 * single block has them all (lookups stay ambiguous), -1: out of memory.
 */
int vmlinux_pin(struct vmlinux *v, const char *file, const char *const *names, size_t n);
/* The bytes at a link-time address range, NULL if no section holds them. */
const unsigned char *vmlinux_bytes(struct vmlinux *v, uint32_t addr, size_t len);

/* ---- identity.c: which kernel vmlinux is ---- */
struct kident {
	char release[65];	/* uname -r: struct new_utsname's 65 bytes */
	char version[65];	/* uname -v */
	uint32_t anchor;	/* link-time address of LKHP_ANCHOR_SYMBOL */
	uint32_t data_anchor;	/* and of LKHP_DATA_ANCHOR_SYMBOL */
};

int vmlinux_identity(struct vmlinux *v, struct kident *id);
bool vmlinux_has_fentry(const struct vmlinux *v, uint32_t addr);
uint32_t vmlinux_jump_site_in(const struct vmlinux *v, uint32_t addr, uint32_t len);

/* ---- symvers.c: what the module loader resolves by itself ---- */
struct symvers {
	struct htab names;
	char *buf;
};

int symvers_read(struct symvers *sv, const char *path);
bool symvers_exported(const struct symvers *sv, const char *name);
void symvers_free(struct symvers *sv);

/* ---- resolve.c: the tables ---- */
struct kref {			/* a kernel symbol named by the patch */
	const char *name;	/* as vmlinux names it */
	const char *file;	/* its source file for a static, else NULL */
	const struct vsym *vs;
	uint32_t sympos;
};

struct mk_func {
	struct kref old;
	struct symbol *new_func;	/* in the linked object */
	uint32_t site_offset;
};

struct mk_reloc {
	struct kref sym;
	const char *undef;	/* the undefined symbol's name in the inputs */
	struct section *sec;	/* place: sec + offset in the linked object */
	uint32_t offset;
	uint32_t type;		/* LKHP_R_386_* */
	int32_t addend;
};

struct mkpatch {
	const char *vmlinux_path, *symvers_path, *tables_path, *out_path;
	const char *name, *source_sha256;	/* the patch's, for the header */
	const char *originals;	/* --originals: DIR/INPUT is INPUT's original object */
	struct original *orig;	/* one per input, NULL without --originals */
	bool replace;				/* a cumulative patch */
	bool print_release;			/* only say which kernel vmlinux is */
	struct kident kernel;
	char **inputs;
	size_t ninputs;
	bool debug;

	struct vmlinux vm;
	struct symvers sv;
	char *linked_path;	/* ld -r output, a temporary file */
	struct elf_obj obj;	/* the linked object */

	struct mk_func *funcs;
	size_t nfuncs;
	struct mk_reloc *relocs;
	size_t nrelocs;
	bool *drop_reloc;	/* per reloc of obj, by section: see reloc_slot() */
	size_t *reloc_base;	/* first slot of each section's relocs */
	bool *has_place;	/* per section of obj: an LKHP relocation's place */
	size_t *out_sec;	/* per section of obj: its index in OUT.o, 0: not there */
};

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

/* ---- carried.c: no copy of a kernel variable travels ---- */
int check_carried_data(struct mkpatch *mk);
const char *blame(struct mkpatch *mk, const char *name, bool defined);

static inline bool *reloc_dropped(struct mkpatch *mk, const struct reloc *r)
{
	return &mk->drop_reloc[mk->reloc_base[r->sec->idx] + (size_t)(r - r->sec->relocs)];
}

/* ---- writer.c, tables.c: the outputs ---- */
/* The global the header reaches a section of OUT.o by: __lkhp_sec_INDEX. */
#define LKHP_SEC_SYM "__lkhp_sec_"

int build_object(struct mkpatch *mk, struct elf_out *eo);
int write_tables(struct mkpatch *mk, FILE *f);

#endif
