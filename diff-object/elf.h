/*
 * The ELF model of an i386 relocatable object: sections, symbols and REL
 * relocations with their implicit addends decoded from the section bytes.
 * No policy lives here, and no pass state: a tool keeps its own beside the
 * model, reached through elf_obj.pass (lkhp-diff: diff.h).
 */
#ifndef LKHP_ELF_H
#define LKHP_ELF_H

#include <gelf.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

struct hent {
	const char *key;
	void *val;
	struct hent *next;
};

struct htab {
	size_t nbuckets;
	struct hent **buckets;
};

struct section;
struct symbol;

struct reloc {
	struct section *sec;	/* the section the relocation applies to */
	uint32_t offset;
	uint32_t type;
	struct symbol *sym;
	int32_t addend;		/* implicit addend, read from sec's bytes */
	unsigned width;		/* bytes of the relocated field, 0: unknown type */
};

struct section {
	struct elf_obj *obj;
	size_t idx;
	const char *name;
	char *key;		/* name without gcc's numeric suffixes */
	GElf_Shdr sh;
	unsigned char *data;	/* NULL for SHT_NOBITS */
	Elf_Data *edata;	/* libelf's view, for the gelf_get* accessors */
	size_t size;
	struct section *base;	/* SHT_REL: the section it relocates */
	struct reloc *relocs;	/* relocations applying here, by offset */
	size_t nrelocs;
	struct symbol *secsym;	/* its STT_SECTION symbol, if any */
	struct symbol **syms;	/* FUNC/OBJECT symbols defined here, by value */
	size_t nsyms;
	size_t nfuncs;
};

struct symbol {
	struct elf_obj *obj;
	size_t idx;
	const char *name;
	char *key;		/* name without gcc's numeric suffixes */
	GElf_Sym sym;
	unsigned char bind, type;
	struct section *sec;	/* NULL unless defined in a section */
	const char *file;	/* STT_FILE in effect (locals) */
};

struct elf_obj {
	const char *path;
	int fd;
	Elf *elf;
	bool executable;	/* vmlinux: symbols at addresses, data read on demand,
				 * no keys, no symbol tables by name or per section */
	struct section *secs;
	size_t nsecs;
	struct symbol *syms;
	size_t nsyms;
	struct section *symtab;
	struct htab sym_by_name, sym_by_key, sec_by_name, sec_by_key;
	void *pass;		/* the tool's state for this object; never read here */
};

/* hash tables keyed by string; values are chained, newest first */
int htab_init(struct htab *h, size_t hint);
int htab_add(struct htab *h, const char *key, void *val);
struct hent *htab_first(const struct htab *h, const char *key);
struct hent *htab_next(const struct hent *e);
void htab_free(struct htab *h);

/* An i386 relocatable object: sections (a private copy), symbols, relocations. */
int elf_obj_open(struct elf_obj *obj, const char *path);
/*
 * An i386 executable (vmlinux): sections and symbols only.  Symbol values are
 * addresses; a section's bytes are read when asked for, never copied.
 */
int elf_obj_open_executable(struct elf_obj *obj, const char *path);
/* The bytes of sec (read now in an executable); NULL: none or unreadable. */
const unsigned char *elf_section_bytes(struct section *sec);
void elf_obj_close(struct elf_obj *obj);

char *name_key(const char *name);
/* foo.cold's parent: the length of "foo", 0 when name is no cold part. */
size_t cold_parent_len(const char *name);
struct section *find_section(const struct elf_obj *obj, const char *name);
struct symbol *find_symbol(const struct elf_obj *obj, const char *name);
struct symbol *section_symbol_at(const struct section *sec, uint64_t off);
struct symbol *section_owner(const struct section *sec, int64_t off);
size_t reloc_lower_bound(const struct section *sec, uint64_t off);
struct reloc_target {
	struct symbol *sym;	/* named target (defined or undefined), or NULL */
	struct section *sec;	/* anonymous target: a section without owner */
	int64_t off;		/* byte offset from sym, or from sec's start */
};

/* What r points at, seen through section symbols and string labels. */
void resolve_target(const struct reloc *r, struct reloc_target *t);
/* The relocation at exactly off, or NULL. */
struct reloc *reloc_at(const struct section *sec, uint64_t off);
/* The NUL-terminated string an R_386_32 relocation points at, or NULL. */
const char *reloc_string(const struct reloc *r);
int elf_add_reloc(struct section *sec, uint32_t offset, uint32_t type, struct symbol *sym,
		  int32_t addend);

/*
 * Outputs are written to path.XXXXXX and renamed over path: that must never
 * replace a device or a directory entry that is not a regular file (renaming
 * over /dev/null as root turns it into a file).
 */
bool output_path_ok(const char *path);

/* ---- elf-write.c: an object built section by section and written once ---- */
void *elf_grow(void *v, size_t *cap, size_t need, size_t elem, bool *oom);

struct eo_rel {
	uint32_t offset, type;
	size_t sym;		/* index in elf_out.syms */
};

struct eo_sec {
	const char *name;	/* not owned: lives as long as the object */
	GElf_Shdr sh;		/* type, flags, alignment, entsize */
	unsigned char *buf;	/* NULL for SHT_NOBITS */
	size_t size, cap;
	struct eo_rel *rels;
	size_t nrels, relcap;
	size_t sym;		/* its STT_SECTION symbol */
};

struct eo_sym {
	const char *name;
	char *owned;		/* name storage the object frees */
	unsigned char bind, type, other;
	size_t sec;		/* its section (1-based), 0: undefined */
	uint64_t value, size;
	size_t final;		/* index in the written symbol table */
};

struct elf_out {
	struct eo_sec **secs;	/* section i is secs[i - 1] */
	size_t nsecs, seccap;
	struct eo_sym *syms;	/* [0] is the null symbol */
	size_t nsyms, symcap;
	bool oom;		/* an allocation failed: eo_write() refuses */
};

/* A new section like `like` (type, flags, alignment); its index, 0 on OOM. */
size_t eo_section(struct elf_out *o, const char *name, const GElf_Shdr *like);
/* Append len bytes (data NULL: SHT_NOBITS) at an align boundary; their offset. */
size_t eo_append(struct elf_out *o, size_t sec, const void *data, size_t len, size_t align);
size_t eo_section_symbol(struct elf_out *o, size_t sec);
/* A symbol (sec 0: undefined; owned: freed with the object); its index. */
size_t eo_symbol(struct elf_out *o, const char *name, char *owned, unsigned bind,
		 unsigned type, size_t sec, uint64_t value, uint64_t size);
/* A REL relocation; the arch hook writes addend into the section's bytes. */
void eo_reloc(struct elf_out *o, size_t sec, uint32_t offset, uint32_t type, size_t sym,
	      int32_t addend);
/* Write the object to path (temporary file and rename); -1: reported. */
int eo_write(struct elf_out *o, const char *path);
void eo_free(struct elf_out *o);

static inline bool sym_defined(const struct symbol *s)
{
	return s->sec != NULL;
}

static inline bool sym_is_func(const struct symbol *s)
{
	return s->type == STT_FUNC && s->sec;
}

static inline bool sym_is_data(const struct symbol *s)
{
	return s->type == STT_OBJECT && s->sec;
}

static inline bool sec_is_text(const struct section *s)
{
	return s->sh.sh_flags & SHF_EXECINSTR;
}

/*
 * .init.text, .init.data, .exit.text, .init.rodata, ...: freed once init
 * has run (.init*), or kept only in a module that can be unloaded (.exit*).
 */
static inline bool sec_is_init(const struct section *s)
{
	return !strncmp(s->name, ".init.", 6) || !strcmp(s->name, ".init");
}

static inline bool sec_is_exit(const struct section *s)
{
	return !strncmp(s->name, ".exit.", 6) || !strcmp(s->name, ".exit");
}

static inline bool sec_is_strings(const struct section *s)
{
	return (s->sh.sh_flags & SHF_STRINGS) && s->data;
}

#endif
