/*
 * Reading an i386 relocatable object into the model of elf.h.  Every index
 * and offset taken from the file is checked here, so the passes can trust
 * the model: a bad object is an error (exit 1), never a crash.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch.h"
#include "elf.h"
#include "warn.h"

static size_t hash_str(const char *s)
{
	size_t h = 5381;

	while (*s)
		h = h * 33 + (unsigned char)*s++;
	return h;
}

int htab_init(struct htab *h, size_t hint)
{
	h->nbuckets = 64;
	while (h->nbuckets < hint * 2)
		h->nbuckets *= 2;
	h->buckets = calloc(h->nbuckets, sizeof(*h->buckets));
	return h->buckets ? 0 : -1;
}

int htab_add(struct htab *h, const char *key, void *val)
{
	struct hent *e = malloc(sizeof(*e));
	size_t b = hash_str(key) & (h->nbuckets - 1);

	if (!e)
		return -1;
	e->key = key;
	e->val = val;
	e->next = h->buckets[b];
	h->buckets[b] = e;
	return 0;
}

static struct hent *htab_scan(struct hent *e, const char *key)
{
	for (; e; e = e->next)
		if (!strcmp(e->key, key))
			return e;
	return NULL;
}

struct hent *htab_first(const struct htab *h, const char *key)
{
	if (!h->buckets)
		return NULL;
	return htab_scan(h->buckets[hash_str(key) & (h->nbuckets - 1)], key);
}

struct hent *htab_next(const struct hent *e)
{
	return htab_scan(e->next, e->key);
}

void htab_free(struct htab *h)
{
	size_t i;

	for (i = 0; h->buckets && i < h->nbuckets; i++) {
		struct hent *e = h->buckets[i], *n;

		for (; e; e = n) {
			n = e->next;
			free(e);
		}
	}
	free(h->buckets);
	h->buckets = NULL;
}

#define UNIQUE_ID_PREFIX "__UNIQUE_ID_"

/*
 * Where the __COUNTER__ that __UNIQUE_ID(prefix) pastes after its prefix
 * starts (__UNIQUE_ID_ddebug966.37: at "966"), or NULL.  Every use of
 * __COUNTER__ above shifts it: a pr_debug() added to one function renames
 * the descriptors of all those below.
 */
static const char *unique_id_counter(const char *name)
{
	const char *base = name + strlen(UNIQUE_ID_PREFIX);
	const char *end, *digits;

	if (strncmp(name, UNIQUE_ID_PREFIX, strlen(UNIQUE_ID_PREFIX)))
		return NULL;
	end = base + strcspn(base, ".");
	for (digits = end; digits > base && digits[-1] >= '0' && digits[-1] <= '9'; digits--)
		;
	return digits < end && digits > base ? digits : NULL;
}

/*
 * gcc numbers what it invents (`count.3`, `foo.isra.0`, `foo.constprop.1`,
 * `foo.part.0`, `CSWTCH.12`) and the numbers shift between two builds.  The
 * key drops every all-digit component: foo.constprop.0.isra.0 -> foo.constprop.isra,
 * and __UNIQUE_ID()'s counter: __UNIQUE_ID_ddebug966.37 -> __UNIQUE_ID_ddebug.
 */
char *name_key(const char *name)
{
	char *key = strdup(name), *out = key;
	const char *p = name, *counter = unique_id_counter(name);

	if (!key)
		return NULL;
	while (*p) {
		const char *q = p + 1;

		if (p == counter) {
			p += strspn(p, "0123456789");
			continue;
		}
		if (*p == '.' && p != name) {
			while (*q >= '0' && *q <= '9')
				q++;
			if (q > p + 1 && (*q == '.' || *q == '\0')) {
				p = q;
				continue;
			}
			q = p + 1;
		}
		*out++ = *p;
		p = q;
	}
	*out = '\0';
	return key;
}

/*
 * gcc moves a function's unlikely code out into a function of its own, part
 * of the parent that moves with it and is never patched alone.  gcc 12 names
 * it PARENT.cold, after any clone suffix (Debian's 6.1 vmlinux has
 * foo.cold, foo.isra.0.cold, foo.part.0.cold, foo.constprop.0.isra.0.cold);
 * gcc 8 and 9 numbered it, PARENT.cold.N.  Nothing else ends so.
 */
size_t cold_parent_len(const char *name)
{
	size_t end = strlen(name), digits = end;

	while (digits > 0 && name[digits - 1] >= '0' && name[digits - 1] <= '9')
		digits--;
	if (digits < end && digits > 0 && name[digits - 1] == '.')
		end = digits - 1;
	if (end <= 5 || strncmp(name + end - 5, ".cold", 5))
		return 0;
	return end - 5;
}

struct section *find_section(const struct elf_obj *obj, const char *name)
{
	struct hent *e = htab_first(&obj->sec_by_name, name);

	return e ? e->val : NULL;
}

struct symbol *find_symbol(const struct elf_obj *obj, const char *name)
{
	struct hent *e = htab_first(&obj->sym_by_name, name);

	return e ? e->val : NULL;
}

/* The FUNC/OBJECT symbol covering off; a lone symbol owns its whole section. */
struct symbol *section_symbol_at(const struct section *sec, uint64_t off)
{
	size_t lo = 0, hi = sec->nsyms;

	if (sec->nsyms == 1)
		return sec->syms[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->syms[mid]->sym.st_value <= off)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* syms[lo - 1] is the last symbol starting at or before off */
	while (lo > 0) {
		struct symbol *s = sec->syms[lo - 1];

		if (off < s->sym.st_value + s->sym.st_size ||
		    (s->sym.st_size == 0 && off == s->sym.st_value))
			return s;
		/* a zero-size alias may hide the real owner just before it */
		if (s->sym.st_size != 0)
			break;
		lo--;
	}
	return NULL;
}

/*
 * The symbol an address in or next to sec belongs to: gcc reaches a[i - 1]
 * as "a - 4 + 4 * i" and the end of a as "a + sizeof(a)", so an offset
 * before the start or past the end (or in padding) is the nearest symbol's,
 * never a section of its own.  NULL only if sec defines no symbol.
 */
struct symbol *section_owner(const struct section *sec, int64_t off)
{
	size_t lo = 0, hi = sec->nsyms;

	if (!sec->nsyms)
		return NULL;
	if (off < 0)
		return sec->syms[0];
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->syms[mid]->sym.st_value <= (uint64_t)off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return section_symbol_at(sec, (uint64_t)off) ?: sec->syms[lo ? lo - 1 : 0];
}

size_t reloc_lower_bound(const struct section *sec, uint64_t off)
{
	size_t lo = 0, hi = sec->nrelocs;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (sec->relocs[mid].offset < off)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

void resolve_target(const struct reloc *r, struct reloc_target *t)
{
	struct symbol *s = r->sym;
	int64_t off = arch_reloc_target(r);

	t->sym = NULL;
	t->sec = NULL;
	t->off = off;
	/* a label in a string section (__kstrtab_foo) names just a string */
	if (s->type == STT_NOTYPE && s->sec && !s->sym.st_size && sec_is_strings(s->sec)) {
		t->sec = s->sec;
		t->off = off + (int64_t)s->sym.st_value;
		return;
	}
	if (s->type == STT_SECTION && s->sec) {
		struct symbol *owner = section_owner(s->sec, off);

		if (owner) {
			t->sym = owner;
			t->off = off - (int64_t)owner->sym.st_value;
		} else {
			t->sec = s->sec;
		}
		return;
	}
	t->sym = s;
}

struct reloc *reloc_at(const struct section *sec, uint64_t off)
{
	size_t i = reloc_lower_bound(sec, off);

	return i < sec->nrelocs && sec->relocs[i].offset == off ? &sec->relocs[i] : NULL;
}

const char *reloc_string(const struct reloc *r)
{
	const struct section *sec = r->sym->sec;
	int64_t off = arch_reloc_target(r);

	if (r->type != R_386_32 || !sec || !sec_is_strings(sec))
		return NULL;
	if (r->sym->type != STT_SECTION)
		off += (int64_t)r->sym->sym.st_value;
	if (off < 0 || (uint64_t)off >= sec->size ||
	    !memchr(sec->data + off, '\0', sec->size - (uint64_t)off))
		return NULL;
	return (const char *)sec->data + off;
}

static int cmp_reloc(const void *a, const void *b)
{
	const struct reloc *x = a, *y = b;

	return (x->offset > y->offset) - (x->offset < y->offset);
}

static int cmp_symval(const void *a, const void *b)
{
	const struct symbol *x = *(struct symbol *const *)a;
	const struct symbol *y = *(struct symbol *const *)b;

	if (x->sym.st_value != y->sym.st_value)
		return (x->sym.st_value > y->sym.st_value) - (x->sym.st_value < y->sym.st_value);
	/* a sized symbol after zero-size aliases at the same address */
	return (x->sym.st_size > y->sym.st_size) - (x->sym.st_size < y->sym.st_size);
}

static int read_header(struct elf_obj *obj)
{
	GElf_Ehdr eh;

	if (elf_kind(obj->elf) != ELF_K_ELF) {
		ERROR(obj->path, "not an ELF file");
		return -1;
	}
	if (!gelf_getehdr(obj->elf, &eh)) {
		ERROR_ELF(obj->path, "gelf_getehdr");
		return -1;
	}
	if (eh.e_ident[EI_CLASS] != ELFCLASS32 || eh.e_ident[EI_DATA] != ELFDATA2LSB ||
	    eh.e_machine != EM_386) {
		ERROR(obj->path, "not an i386 (ELF32 LSB EM_386) object");
		return -1;
	}
	if (eh.e_type != (obj->executable ? ET_EXEC : ET_REL)) {
		ERROR(obj->path, obj->executable ? "not an executable (ET_EXEC)" :
			   "not a relocatable object (ET_REL)");
		return -1;
	}
	return 0;
}

static int read_sections(struct elf_obj *obj)
{
	size_t shnum, shstrndx, i;

	if (elf_getshdrnum(obj->elf, &shnum) || elf_getshdrstrndx(obj->elf, &shstrndx)) {
		ERROR_ELF(obj->path, "section header table");
		return -1;
	}
	if (shnum == 0 || shstrndx >= shnum) {
		ERROR(obj->path, "no usable section header string table");
		return -1;
	}
	obj->nsecs = shnum;
	obj->secs = calloc(shnum, sizeof(*obj->secs));
	if (!obj->secs || htab_init(&obj->sec_by_name, shnum) ||
	    htab_init(&obj->sec_by_key, shnum))
		return -1;

	for (i = 0; i < shnum; i++) {
		struct section *sec = &obj->secs[i];
		Elf_Scn *scn = elf_getscn(obj->elf, i);
		Elf_Data *d;

		sec->obj = obj;
		sec->idx = i;
		if (!scn || !gelf_getshdr(scn, &sec->sh)) {
			ERROR_ELF(obj->path, "section header");
			return -1;
		}
		sec->name = elf_strptr(obj->elf, shstrndx, sec->sh.sh_name);
		if (!sec->name) {
			ERROR(obj->path, "section %zu: bad name offset", i);
			return -1;
		}
		sec->key = name_key(sec->name);
		if (!sec->key)
			return -1;
		sec->size = sec->sh.sh_size;
		if (i == 0)
			continue;
		if (htab_add(&obj->sec_by_name, sec->name, sec) ||
		    htab_add(&obj->sec_by_key, sec->key, sec))
			return -1;
		if (sec->sh.sh_type == SHT_NOBITS || sec->sh.sh_type == SHT_NULL)
			continue;
		if (sec->sh.sh_type == SHT_RELA) {
			ERROR(obj->path, "%s: RELA relocations in an i386 object", sec->name);
			return -1;
		}
		if (sec->sh.sh_type == SHT_SYMTAB_SHNDX) {
			ERROR(obj->path, "%s: extended section indexes are not supported",
			      sec->name);
			return -1;
		}
		if (obj->executable && sec->sh.sh_type != SHT_SYMTAB)
			continue;	/* elf_section_bytes() reads it when asked */
		d = elf_getdata(scn, NULL);
		if (!d && sec->size) {
			ERROR_ELF(obj->path, sec->name);
			return -1;
		}
		if (d && (d->d_size != sec->size || (d->d_size && !d->d_buf))) {
			ERROR(obj->path, "%s: section data truncated", sec->name);
			return -1;
		}
		sec->edata = d;
		/*
		 * A private copy: output.c and the addend accessors write to it.
		 * An executable is only read, through edata.
		 */
		if (!obj->executable) {
			sec->data = malloc(sec->size ? sec->size : 1);
			if (!sec->data)
				return -1;
			if (sec->size)
				memcpy(sec->data, d->d_buf, sec->size);
		}
		if (sec->sh.sh_type == SHT_SYMTAB) {
			if (obj->symtab) {
				ERROR(obj->path, "more than one symbol table");
				return -1;
			}
			obj->symtab = sec;
		}
	}
	if (!obj->symtab) {
		ERROR(obj->path, "no symbol table");
		return -1;
	}
	return 0;
}

static int read_symbols(struct elf_obj *obj)
{
	struct section *st = obj->symtab;
	const char *file = NULL;
	size_t esz = gelf_fsize(obj->elf, ELF_T_SYM, 1, EV_CURRENT), i;

	if (st->sh.sh_link == 0 || st->sh.sh_link >= obj->nsecs ||
	    obj->secs[st->sh.sh_link].sh.sh_type != SHT_STRTAB) {
		ERROR(obj->path, "%s: bad string table link", st->name);
		return -1;
	}
	if (!esz || st->size % esz) {
		ERROR(obj->path, "%s: size is not a multiple of the entry size", st->name);
		return -1;
	}
	obj->nsyms = st->size / esz;
	obj->syms = calloc(obj->nsyms ? obj->nsyms : 1, sizeof(*obj->syms));
	if (!obj->syms || (!obj->executable && (htab_init(&obj->sym_by_name, obj->nsyms) ||
						htab_init(&obj->sym_by_key, obj->nsyms))))
		return -1;

	for (i = 0; i < obj->nsyms; i++) {
		struct symbol *s = &obj->syms[i];
		unsigned shndx;

		s->obj = obj;
		s->idx = i;
		if (!gelf_getsym(st->edata, (int)i, &s->sym)) {
			ERROR_ELF(obj->path, "gelf_getsym");
			return -1;
		}
		s->name = elf_strptr(obj->elf, st->sh.sh_link, s->sym.st_name);
		if (!s->name) {
			ERROR(obj->path, "symbol %zu: bad name offset", i);
			return -1;
		}
		s->bind = GELF_ST_BIND(s->sym.st_info);
		s->type = GELF_ST_TYPE(s->sym.st_info);
		shndx = s->sym.st_shndx;
		if (s->type == STT_FILE)
			file = s->name;
		s->file = s->bind == STB_LOCAL ? file : NULL;
		if (shndx != SHN_UNDEF && shndx < SHN_LORESERVE) {
			if (shndx >= obj->nsecs) {
				ERROR(obj->path, "symbol %zu (%s): bad section index %u",
				      i, s->name, shndx);
				return -1;
			}
			s->sec = &obj->secs[shndx];
		} else if (shndx == SHN_XINDEX) {
			ERROR(obj->path, "symbol %s: extended section index", s->name);
			return -1;
		}
		if (s->type == STT_SECTION && s->sec) {
			/* sections are named by their section, not by the symbol */
			s->name = s->sec->name;
			if (!s->sec->secsym)
				s->sec->secsym = s;
		}
		if (s->sec && (s->type == STT_FUNC || s->type == STT_OBJECT)) {
			uint64_t off = s->sym.st_value - (obj->executable ? s->sec->sh.sh_addr : 0);

			if ((obj->executable && s->sym.st_value < s->sec->sh.sh_addr) ||
			    off > s->sec->size || s->sym.st_size > s->sec->size - off) {
				ERROR(obj->path, "symbol %s lies outside %s", s->name,
				      s->sec->name);
				return -1;
			}
			if (obj->executable)
				continue;
			s->sec->nsyms++;
			if (s->type == STT_FUNC)
				s->sec->nfuncs++;
		}
		/* an executable's symbols are looked up by vmlinux.c's own tables */
		if (obj->executable)
			continue;
		s->key = name_key(s->name);
		if (!s->key)
			return -1;
		if (i && s->type != STT_SECTION && s->type != STT_FILE &&
		    (htab_add(&obj->sym_by_name, s->name, s) ||
		     htab_add(&obj->sym_by_key, s->key, s)))
			return -1;
	}
	if (obj->executable)
		return 0;

	/* each section's FUNC/OBJECT symbols, sorted for section_symbol_at() */
	for (i = 0; i < obj->nsecs; i++) {
		struct section *sec = &obj->secs[i];

		if (sec->nsyms) {
			sec->syms = calloc(sec->nsyms, sizeof(*sec->syms));
			if (!sec->syms)
				return -1;
			sec->nsyms = 0;
		}
	}
	for (i = 0; i < obj->nsyms; i++) {
		struct symbol *s = &obj->syms[i];

		if (s->sec && (s->type == STT_FUNC || s->type == STT_OBJECT))
			s->sec->syms[s->sec->nsyms++] = s;
	}
	for (i = 0; i < obj->nsecs; i++)
		if (obj->secs[i].nsyms > 1)
			qsort(obj->secs[i].syms, obj->secs[i].nsyms,
			      sizeof(*obj->secs[i].syms), cmp_symval);
	return 0;
}

static int read_relocs(struct elf_obj *obj, struct section *rs)
{
	size_t esz = gelf_fsize(obj->elf, ELF_T_REL, 1, EV_CURRENT), n, i;
	struct section *base;

	if (rs->sh.sh_link != obj->symtab->idx || rs->sh.sh_info == 0 ||
	    rs->sh.sh_info >= obj->nsecs) {
		ERROR(obj->path, "%s: bad symbol table or target link", rs->name);
		return -1;
	}
	base = &obj->secs[rs->sh.sh_info];
	if (!esz || rs->size % esz || base->sh.sh_type == SHT_REL ||
	    base->sh.sh_type == SHT_SYMTAB || base->relocs || base->base) {
		ERROR(obj->path, "%s: malformed relocation section", rs->name);
		return -1;
	}
	n = rs->size / esz;
	if (n && !base->data) {
		ERROR(obj->path, "%s: relocations for a section without data", rs->name);
		return -1;
	}
	rs->base = base;
	base->relocs = calloc(n ? n : 1, sizeof(*base->relocs));
	if (!base->relocs)
		return -1;
	base->nrelocs = n;

	for (i = 0; i < n; i++) {
		struct reloc *r = &base->relocs[i];
		GElf_Rel rel;
		size_t symi;

		if (!gelf_getrel(rs->edata, (int)i, &rel)) {
			ERROR_ELF(obj->path, "gelf_getrel");
			return -1;
		}
		symi = GELF_R_SYM(rel.r_info);
		r->sec = base;
		r->type = GELF_R_TYPE(rel.r_info);
		r->offset = (uint32_t)rel.r_offset;
		r->width = arch_reloc_width(r->type);
		if (symi >= obj->nsyms || symi == 0) {
			ERROR(obj->path, "%s: relocation %zu: bad symbol index %zu",
			      rs->name, i, symi);
			return -1;
		}
		if (rel.r_offset > base->size || r->width > base->size - rel.r_offset) {
			ERROR(obj->path, "%s: relocation %zu: offset 0x%lx outside the section",
			      rs->name, i, (unsigned long)rel.r_offset);
			return -1;
		}
		r->sym = &obj->syms[symi];
		r->addend = arch_read_addend(base->data + r->offset, r->width);
	}
	qsort(base->relocs, n, sizeof(*base->relocs), cmp_reloc);
	return 0;
}

/*
 * Add a relocation to sec, keeping sec->relocs sorted by offset (a pass that
 * learns of a reference the object has no relocation for).  -1: no memory.
 */
int elf_add_reloc(struct section *sec, uint32_t offset, uint32_t type, struct symbol *sym,
		  int32_t addend)
{
	struct reloc *v = realloc(sec->relocs, (sec->nrelocs + 1) * sizeof(*v));
	size_t at;

	if (!v)
		return -1;
	sec->relocs = v;
	at = reloc_lower_bound(sec, offset);
	memmove(&v[at + 1], &v[at], (sec->nrelocs - at) * sizeof(*v));
	sec->nrelocs++;
	v[at].sec = sec;
	v[at].offset = offset;
	v[at].type = type;
	v[at].sym = sym;
	v[at].addend = addend;
	v[at].width = arch_reloc_width(type);
	return 0;
}

static int open_elf(struct elf_obj *obj, const char *path, bool executable)
{
	memset(obj, 0, sizeof(*obj));
	obj->path = path;
	obj->executable = executable;
	obj->fd = open(path, O_RDONLY);
	if (obj->fd < 0) {
		ERROR(path, "open: %s", strerror(errno));
		return -1;
	}
	obj->elf = elf_begin(obj->fd, ELF_C_READ, NULL);
	if (!obj->elf) {
		ERROR_ELF(path, "elf_begin");
		return -1;
	}
	return read_header(obj) || read_sections(obj) || read_symbols(obj) ? -1 : 0;
}

int elf_obj_open_executable(struct elf_obj *obj, const char *path)
{
	return open_elf(obj, path, true);
}

const unsigned char *elf_section_bytes(struct section *sec)
{
	Elf_Scn *scn;

	if (sec->data || sec->sh.sh_type == SHT_NOBITS)
		return sec->data;
	if (!sec->edata) {
		scn = elf_getscn(sec->obj->elf, sec->idx);
		sec->edata = scn ? elf_getdata(scn, NULL) : NULL;
		if (!sec->edata || sec->edata->d_size != sec->size ||
		    (sec->size && !sec->edata->d_buf)) {
			sec->edata = NULL;
			return NULL;
		}
	}
	return sec->edata->d_buf;
}

int elf_obj_open(struct elf_obj *obj, const char *path)
{
	size_t i;

	if (open_elf(obj, path, false))
		return -1;
	for (i = 1; i < obj->nsecs; i++)
		if (obj->secs[i].sh.sh_type == SHT_REL && read_relocs(obj, &obj->secs[i]))
			return -1;
	return 0;
}

void elf_obj_close(struct elf_obj *obj)
{
	size_t i;

	for (i = 0; obj->secs && i < obj->nsecs; i++) {
		free(obj->secs[i].data);
		free(obj->secs[i].relocs);
		free(obj->secs[i].syms);
		free(obj->secs[i].key);
	}
	for (i = 0; obj->syms && i < obj->nsyms; i++)
		free(obj->syms[i].key);
	free(obj->secs);
	free(obj->syms);
	htab_free(&obj->sym_by_name);
	htab_free(&obj->sym_by_key);
	htab_free(&obj->sec_by_name);
	htab_free(&obj->sec_by_key);
	if (obj->elf)
		elf_end(obj->elf);
	if (obj->fd >= 0)
		close(obj->fd);
	obj->secs = NULL;
	obj->syms = NULL;
	obj->elf = NULL;
	obj->fd = -1;
}

