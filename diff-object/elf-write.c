/*
 * Writing an i386 relocatable object through the model (elf.h, "struct
 * elf_out"): both tools build their output here and write it once.
 *   sections   as created, from index 1: contents appended piece by piece
 *   symbols    locals first as ELF wants (file, sections, other locals),
 *              then defined globals, then undefined ones
 *   relocs     SHT_REL, one .relNAME per section that has any; the arch hook
 *              writes each implicit addend into the section bytes
 * followed by .note.GNU-stack, .symtab, .strtab and .shstrtab.  The file is
 * written to a temporary name and renamed, so a failure leaves nothing.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "arch.h"
#include "elf.h"
#include "warn.h"

/* v with room for need elements of elem bytes (doubling *cap); NULL: *oom. */
void *elf_grow(void *v, size_t *cap, size_t need, size_t elem, bool *oom)
{
	size_t c = *cap ? *cap : 16;
	void *n;

	if (need <= *cap)
		return v;
	while (c < need)
		c *= 2;
	n = realloc(v, c * elem);
	if (!n) {
		*oom = true;
		return NULL;
	}
	*cap = c;
	return n;
}

size_t eo_symbol(struct elf_out *o, const char *name, char *owned, unsigned bind,
		 unsigned type, size_t sec, uint64_t value, uint64_t size)
{
	/* index 0 stays the null symbol: 0 is no symbol, as in ELF */
	struct eo_sym *v = elf_grow(o->syms, &o->symcap, o->nsyms + 2, sizeof(*v), &o->oom);

	if (!v) {
		free(owned);
		return 0;
	}
	o->syms = v;
	if (!o->nsyms)
		memset(&o->syms[o->nsyms++], 0, sizeof(*v));
	v = &o->syms[o->nsyms];
	memset(v, 0, sizeof(*v));
	v->name = owned ? owned : name;
	v->owned = owned;
	v->bind = (unsigned char)bind;
	v->type = (unsigned char)type;
	v->sec = sec;
	v->value = value;
	v->size = size;
	return o->nsyms++;
}

size_t eo_section(struct elf_out *o, const char *name, const GElf_Shdr *like)
{
	struct eo_sec *s, **v = elf_grow(o->secs, &o->seccap, o->nsecs + 1, sizeof(*v), &o->oom);

	if (!v)
		return 0;
	o->secs = v;
	s = calloc(1, sizeof(*s));
	if (!s) {
		o->oom = true;
		return 0;
	}
	o->secs[o->nsecs++] = s;
	s->name = name;
	s->sh.sh_type = like->sh_type;
	s->sh.sh_flags = like->sh_flags & ~(GElf_Xword)SHF_GROUP;
	s->sh.sh_addralign = like->sh_addralign ? like->sh_addralign : 1;
	s->sh.sh_entsize = like->sh_entsize;
	s->sym = eo_symbol(o, name, NULL, STB_LOCAL, STT_SECTION, o->nsecs, 0, 0);
	return o->nsecs;
}

static struct eo_sec *sec_of(struct elf_out *o, size_t sec)
{
	return o->secs[sec - 1];
}

size_t eo_append(struct elf_out *o, size_t sec, const void *data, size_t len, size_t align)
{
	struct eo_sec *s = sec_of(o, sec);
	size_t at;

	if (!align)
		align = 1;
	at = (s->size + align - 1) / align * align;
	if (data) {
		unsigned char *b = elf_grow(s->buf, &s->cap, at + len, 1, &o->oom);

		if (!b)
			return 0;
		s->buf = b;
		memset(b + s->size, 0, at - s->size);
		memcpy(b + at, data, len);
	}
	s->size = at + len;
	return at;
}

size_t eo_section_symbol(struct elf_out *o, size_t sec)
{
	return sec_of(o, sec)->sym;
}

void eo_reloc(struct elf_out *o, size_t sec, uint32_t offset, uint32_t type, size_t sym,
	      int32_t addend)
{
	struct eo_sec *s = sec_of(o, sec);
	struct eo_rel *r = elf_grow(s->rels, &s->relcap, s->nrels + 1, sizeof(*r), &o->oom);
	unsigned width = arch_reloc_width(type);

	if (!r)
		return;
	s->rels = r;
	s->rels[s->nrels++] = (struct eo_rel){ offset, type, sym };
	if (s->buf && offset + width <= s->size)
		arch_write_addend(s->buf + offset, width, addend);
}

void eo_free(struct elf_out *o)
{
	size_t i;

	for (i = 0; i < o->nsecs; i++) {
		free(o->secs[i]->buf);
		free(o->secs[i]->rels);
		free(o->secs[i]);
	}
	for (i = 0; i < o->nsyms; i++)
		free(o->syms[i].owned);
	free(o->secs);
	free(o->syms);
	memset(o, 0, sizeof(*o));
}

/* A growing string table. */
struct strtab {
	char *buf;
	size_t size, cap;
};

static size_t str_add(struct strtab *st, const char *s, bool *oom)
{
	size_t len = strlen(s) + 1, at = st->size;
	char *b = elf_grow(st->buf, &st->cap, st->size + len, 1, oom);

	if (!b)
		return 0;
	st->buf = b;
	memcpy(st->buf + at, s, len);
	st->size += len;
	return at;
}

/* A new section of e with the given header and contents; its name is set. */
static bool new_scn(Elf *e, struct strtab *shstr, const char *name, GElf_Shdr *sh,
		    void *buf, size_t size, Elf_Type type, bool *oom)
{
	Elf_Scn *scn = elf_newscn(e);
	Elf_Data *d = scn ? elf_newdata(scn) : NULL;

	if (!d)
		return false;
	d->d_buf = buf;
	d->d_size = size;
	d->d_type = type;
	d->d_align = sh->sh_addralign ? sh->sh_addralign : 1;
	d->d_version = EV_CURRENT;
	sh->sh_name = str_add(shstr, name, oom);
	sh->sh_size = size;
	return gelf_update_shdr(scn, sh);
}

static int symbol_rank(const struct eo_sym *s)
{
	if (s->type == STT_FILE)
		return 0;
	if (s->type == STT_SECTION)
		return 1;
	if (s->bind == STB_LOCAL)
		return 2;
	return s->sec ? 3 : 4;
}

/* The symbol table in ELF order; *first_global: the index sh_info wants. */
static Elf32_Sym *build_symtab(struct elf_out *o, struct strtab *str, size_t *n,
			       size_t *first_global)
{
	Elf32_Sym *syms = calloc(o->nsyms + 1, sizeof(*syms));
	size_t i;
	int rank;

	*n = 1;
	*first_global = 1;
	for (rank = 0; syms && rank <= 4; rank++) {
		if (rank == 3)
			*first_global = *n;
		for (i = 1; i < o->nsyms; i++) {
			struct eo_sym *s = &o->syms[i];
			Elf32_Sym *es = &syms[*n];

			if (symbol_rank(s) != rank)
				continue;
			s->final = (*n)++;
			es->st_name = s->type == STT_SECTION ? 0 : str_add(str, s->name, &o->oom);
			es->st_info = ELF32_ST_INFO(s->bind, s->type);
			es->st_other = s->other;
			es->st_shndx = s->type == STT_FILE ? SHN_ABS :
				       s->sec ? (Elf32_Half)s->sec : SHN_UNDEF;
			es->st_value = (Elf32_Addr)s->value;
			es->st_size = (Elf32_Word)s->size;
		}
	}
	return syms;
}

static Elf32_Rel *build_rels(const struct elf_out *o, const struct eo_sec *s)
{
	Elf32_Rel *rels = calloc(s->nrels, sizeof(*rels));
	size_t j;

	for (j = 0; rels && j < s->nrels; j++) {
		rels[j].r_offset = s->rels[j].offset;
		rels[j].r_info = ELF32_R_INFO(o->syms[s->rels[j].sym].final, s->rels[j].type);
	}
	return rels;
}

static int write_elf(struct elf_out *o, int fd, const char *path)
{
	struct strtab shstr = { 0 }, str = { 0 };
	size_t nsyms, first_global, i, next, symtab_idx;
	Elf32_Rel **rels = calloc(o->nsecs + 1, sizeof(*rels));
	Elf32_Sym *syms = NULL;
	Elf *e = elf_begin(fd, ELF_C_WRITE, NULL);
	Elf32_Ehdr *eh = e ? elf32_newehdr(e) : NULL;
	GElf_Shdr sh;
	int ret = -1;

	if (!rels || !eh)
		goto out;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_machine = EM_386;
	eh->e_type = ET_REL;
	eh->e_version = EV_CURRENT;
	str_add(&shstr, "", &o->oom);
	str_add(&str, "", &o->oom);
	syms = build_symtab(o, &str, &nsyms, &first_global);
	if (!syms)
		goto out;
	/* indexes: the sections, their REL sections, the stack note, the tables */
	next = o->nsecs + 1;
	for (i = 0; i < o->nsecs; i++)
		if (o->secs[i]->nrels)
			next++;
	symtab_idx = next + 1;

	for (i = 0; i < o->nsecs; i++) {
		struct eo_sec *s = o->secs[i];

		sh = s->sh;
		if (!new_scn(e, &shstr, s->name, &sh, s->buf, s->size, ELF_T_BYTE, &o->oom))
			goto elf_err;
	}
	for (i = 0; i < o->nsecs; i++) {
		struct eo_sec *s = o->secs[i];
		char *name;
		bool ok;

		if (!s->nrels)
			continue;
		rels[i] = build_rels(o, s);
		name = malloc(strlen(s->name) + 5);
		if (!rels[i] || !name) {
			free(name);
			o->oom = true;
			goto out;
		}
		sprintf(name, ".rel%s", s->name);
		memset(&sh, 0, sizeof(sh));
		sh.sh_type = SHT_REL;
		sh.sh_flags = SHF_INFO_LINK;
		sh.sh_link = (Elf32_Word)symtab_idx;
		sh.sh_info = (Elf32_Word)(i + 1);
		sh.sh_addralign = 4;
		sh.sh_entsize = sizeof(Elf32_Rel);
		ok = new_scn(e, &shstr, name, &sh, rels[i], s->nrels * sizeof(Elf32_Rel),
			     ELF_T_REL, &o->oom);
		free(name);
		if (!ok)
			goto elf_err;
	}
	/* no executable stack: ld warns about objects without this note */
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_PROGBITS;
	sh.sh_addralign = 1;
	if (!new_scn(e, &shstr, ".note.GNU-stack", &sh, NULL, 0, ELF_T_BYTE, &o->oom))
		goto elf_err;
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_SYMTAB;
	sh.sh_link = (Elf32_Word)(symtab_idx + 1);
	sh.sh_info = (Elf32_Word)first_global;
	sh.sh_addralign = 4;
	sh.sh_entsize = sizeof(Elf32_Sym);
	if (!new_scn(e, &shstr, ".symtab", &sh, syms, nsyms * sizeof(*syms), ELF_T_SYM, &o->oom))
		goto elf_err;
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_STRTAB;
	sh.sh_addralign = 1;
	if (!new_scn(e, &shstr, ".strtab", &sh, str.buf, str.size, ELF_T_BYTE, &o->oom))
		goto elf_err;
	/* .shstrtab names itself: its name goes in before its size is taken */
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_STRTAB;
	sh.sh_addralign = 1;
	str_add(&shstr, ".shstrtab", &o->oom);
	if (o->oom)
		goto out;
	{
		Elf_Scn *scn = elf_newscn(e);
		Elf_Data *d = scn ? elf_newdata(scn) : NULL;

		if (!d)
			goto elf_err;
		d->d_buf = shstr.buf;
		d->d_size = shstr.size;
		d->d_type = ELF_T_BYTE;
		d->d_align = 1;
		sh.sh_name = shstr.size - strlen(".shstrtab") - 1;
		sh.sh_size = shstr.size;
		if (!gelf_update_shdr(scn, &sh))
			goto elf_err;
	}
	eh->e_shstrndx = (Elf32_Half)(symtab_idx + 2);
	if (elf_update(e, ELF_C_WRITE) < 0)
		goto elf_err;
	ret = 0;
	goto out;
elf_err:
	ERROR_ELF(path, "writing");
out:
	if (o->oom)
		ERROR(path, "out of memory");
	if (e)
		elf_end(e);
	for (i = 0; rels && i < o->nsecs; i++)
		free(rels[i]);
	free(rels);
	free(syms);
	free(str.buf);
	free(shstr.buf);
	return ret;
}

bool output_path_ok(const char *path)
{
	struct stat st;

	return lstat(path, &st) ? errno == ENOENT : S_ISREG(st.st_mode);
}

int eo_write(struct elf_out *o, const char *path)
{
	char *tmp;
	int fd, ret = -1;

	if (o->oom) {
		ERROR(path, "out of memory");
		return -1;
	}
	if (!output_path_ok(path)) {
		ERROR(path, "exists and is not a regular file: not replacing it");
		return -1;
	}
	tmp = malloc(strlen(path) + 8);
	if (!tmp) {
		ERROR(path, "out of memory");
		return -1;
	}
	sprintf(tmp, "%s.XXXXXX", path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		ERROR(path, "creating a temporary file: %s", strerror(errno));
		free(tmp);
		return -1;
	}
	errno = 0;
	if (fchmod(fd, 0644) || write_elf(o, fd, path) || fsync(fd)) {
		if (errno)
			ERROR(path, "write failed: %s", strerror(errno));
	} else if (rename(tmp, path)) {
		ERROR(path, "rename: %s", strerror(errno));
	} else {
		ret = 0;
	}
	close(fd);
	if (ret)
		unlink(tmp);
	free(tmp);
	return ret;
}
