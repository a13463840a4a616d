/*
 * The patch object, cloned into a fresh ELF: only the included symbols,
 * the symbol-less pieces they use (strings, jump tables, replacement
 * code) and the special-section entries of included functions.  Everything
 * else an included relocation points at becomes an undefined global symbol
 * (README.md, "Output"):
 *   NAME                           a global symbol of the running kernel
 *   __lkhp_local/FILE/NAME         a static symbol NAME of the kernel's FILE
 * Written to a temporary name and renamed, so a failed run leaves nothing.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <lkhp/consts.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

/* what a new static is renamed to when its name is taken: see new_local_name() */
#define NEW_LOCAL_SUFFIX ".lkhp_new"

struct orel {
	uint32_t offset, type;
	size_t sym;		/* index into out.syms */
};

struct osec {
	struct section *src;
	GElf_Shdr sh;
	unsigned char *buf;
	size_t size, cap;
	struct orel *rels;
	size_t nrels, relcap;
	size_t idx, relidx;	/* output section indexes */
	size_t sym;		/* its section symbol in out.syms */
};

struct piece {
	struct section *src;
	uint64_t start, end, newoff;
	struct osec *os;
};

struct osym {
	const char *name;
	char *owned;		/* name storage when built here */
	unsigned char bind, type;
	struct osec *os;	/* NULL: undefined */
	uint64_t value, size;
	size_t final;		/* index in the written symtab */
};

struct out {
	struct ctx *ctx;
	struct osec **secs;	/* by source section index */
	struct osec **order;	/* in creation order */
	size_t nsecs, ordercap;
	struct piece *pieces;
	size_t npieces, piececap, done;
	struct osym *syms;
	size_t nsyms, symcap;
	struct htab und;
	bool oom;
};

static void *grow(void *v, size_t *cap, size_t need, size_t elem, bool *oom)
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

static size_t add_sym(struct out *o, const char *name, unsigned bind, unsigned type)
{
	struct osym *v = grow(o->syms, &o->symcap, o->nsyms + 1, sizeof(*v), &o->oom);

	if (!v)
		return 0;
	o->syms = v;
	memset(&v[o->nsyms], 0, sizeof(*v));
	v[o->nsyms].name = name;
	v[o->nsyms].bind = (unsigned char)bind;
	v[o->nsyms].type = (unsigned char)type;
	return o->nsyms++;
}

static struct osec *osec_for(struct out *o, struct section *src)
{
	struct osec *os = o->secs[src->idx], **ord;

	if (os)
		return os;
	os = calloc(1, sizeof(*os));
	ord = grow(o->order, &o->ordercap, o->nsecs + 1, sizeof(*ord), &o->oom);
	if (!os || !ord) {
		free(os);
		o->oom = true;
		return NULL;
	}
	o->order = ord;
	o->order[o->nsecs++] = os;
	os->src = src;
	os->sh = src->sh;
	os->sh.sh_flags &= ~(GElf_Xword)SHF_GROUP;
	if (!os->sh.sh_addralign)
		os->sh.sh_addralign = 1;
	os->sym = add_sym(o, src->name, STB_LOCAL, STT_SECTION);
	o->syms[os->sym].os = os;
	o->secs[src->idx] = os;
	return os;
}

static struct piece *piece_at(struct out *o, struct section *src, int64_t off)
{
	size_t i;

	for (i = 0; i < o->npieces; i++) {
		struct piece *p = &o->pieces[i];

		if (p->src == src && off >= (int64_t)p->start &&
		    (off < (int64_t)p->end || (off == (int64_t)p->end && p->start == p->end)))
			return p;
	}
	return NULL;
}

static struct piece *add_piece(struct out *o, struct section *src, uint64_t start,
			       uint64_t end)
{
	struct osec *os = osec_for(o, src);
	struct piece *v;
	size_t i, align;

	for (i = 0; i < o->npieces; i++)
		if (o->pieces[i].src == src && o->pieces[i].start == start &&
		    o->pieces[i].end == end)
			return &o->pieces[i];
	v = grow(o->pieces, &o->piececap, o->npieces + 1, sizeof(*v), &o->oom);
	if (!os || !v)
		return NULL;
	o->pieces = v;
	align = os->sh.sh_addralign;
	/* a piece cut from inside a section keeps its offset's alignment */
	while (align > 1 && start % align)
		align /= 2;
	os->size = (os->size + align - 1) / align * align;
	v = &o->pieces[o->npieces++];
	v->src = src;
	v->start = start;
	v->end = end;
	v->os = os;
	v->newoff = os->size;
	if (src->data) {
		unsigned char *b = grow(os->buf, &os->cap, os->size + (end - start), 1, &o->oom);

		if (!b)
			return NULL;
		os->buf = b;
		memcpy(os->buf + os->size, src->data + start, end - start);
	}
	os->size += end - start;
	return v;
}

static struct piece *sym_piece(struct out *o, struct symbol *s)
{
	return add_piece(o, s->sec, s->sym.st_value, s->sym.st_value + s->sym.st_size);
}

/* The undefined symbol standing for s, the way the running kernel names it. */
static size_t und_sym(struct out *o, struct symbol *s)
{
	const struct symbol *k = s->twin ? s->twin : s;
	struct hent *e;
	char *name = NULL;
	size_t idx;

	if (k->bind == STB_LOCAL && k->sec) {
		size_t len = strlen(LKHP_LOCAL_PREFIX) + strlen(k->file ? k->file : "") +
			     strlen(k->name) + 2;

		name = malloc(len);
		if (!name) {
			o->oom = true;
			return 0;
		}
		snprintf(name, len, LKHP_LOCAL_PREFIX "%s/%s", k->file ? k->file : "", k->name);
	}
	e = htab_first(&o->und, name ? name : k->name);
	if (e) {
		free(name);
		return (size_t)e->val;
	}
	idx = add_sym(o, name ? name : k->name, STB_GLOBAL, STT_NOTYPE);
	o->syms[idx].owned = name;
	if (htab_add(&o->und, o->syms[idx].name, (void *)idx))
		o->oom = true;
	return idx;
}

/* The piece holding an anonymous target: a string, or the whole section. */
static struct piece *anon_piece(struct out *o, struct section *sec, int64_t off)
{
	struct piece *p = piece_at(o, sec, off);

	if (p)
		return p;
	if (sec_is_strings(sec) && off >= 0 && (uint64_t)off < sec->size) {
		size_t len = strnlen((const char *)sec->data + off, sec->size - off);

		return add_piece(o, sec, (uint64_t)off, off + len + (off + len < sec->size));
	}
	return add_piece(o, sec, 0, sec->size);
}

static void clone_reloc(struct out *o, struct piece *pc, struct reloc *r)
{
	struct osec *os = pc->os;
	int64_t pos, addend;
	struct target t;
	struct orel *rel;
	size_t sym;

	if (r->type == R_386_NONE)
		return;
	if (!arch_reloc_supported(r->type)) {
		UNSUPPORTED(o->ctx->patched.path, pc->src->name, "unsupported relocation %s "
			    "at +0x%lx", arch_reloc_name(r->type), (unsigned long)r->offset);
		return;
	}
	resolve_target(r, &t);
	/* where in its section the field points, before any pc adjustment */
	pos = (r->sym->type == STT_SECTION || !r->sym->sec ? 0 :
	       (int64_t)r->sym->sym.st_value) + r->addend;
	if (t.sym && t.sym->include) {
		struct piece *tp = sym_piece(o, t.sym);

		if (!tp)
			return;
		sym = tp->os->sym;
		addend = (int64_t)tp->newoff + pos - (int64_t)tp->start;
	} else if (t.sym) {
		sym = und_sym(o, t.sym);
		addend = pos - (t.sym->sec ? (int64_t)t.sym->sym.st_value : 0);
	} else {
		struct piece *tp = anon_piece(o, t.sec, t.off);

		if (!tp)
			return;
		sym = tp->os->sym;
		addend = (int64_t)tp->newoff + pos - (int64_t)tp->start;
	}
	rel = grow(os->rels, &os->relcap, os->nrels + 1, sizeof(*rel), &o->oom);
	if (!rel || o->oom)
		return;
	os->rels = rel;
	rel = &os->rels[os->nrels++];
	rel->offset = (uint32_t)(pc->newoff + (r->offset - pc->start));
	rel->type = r->type;
	rel->sym = sym;
	if (os->buf)
		arch_write_addend(os->buf + rel->offset, r->width, (int32_t)addend);
}

/* Clone the relocations of every piece not yet processed (they add pieces). */
static void drain(struct out *o)
{
	while (o->done < o->npieces && !o->oom) {
		struct piece pc = o->pieces[o->done++];
		size_t i = reloc_lower_bound(pc.src, pc.start);

		for (; i < pc.src->nrelocs && pc.src->relocs[i].offset < pc.end && !o->oom; i++)
			if (pc.src->relocs[i].offset >= pc.start)
				clone_reloc(o, &pc, &pc.src->relocs[i]);
	}
}

static void add_specials(struct out *o)
{
	struct elf_obj *p = &o->ctx->patched;
	size_t k, i, j;

	for (k = 0; k < p->nspecials; k++) {
		struct special_sec *ss = &p->specials[k];
		const struct special_desc *d = ss->desc;

		for (i = 1; i < p->nsyms; i++) {
			struct special_entry *e;
			size_t n;

			if (!p->syms[i].include || !sym_is_func(&p->syms[i]))
				continue;
			n = special_entries(ss, &p->syms[i], &e);
			for (j = 0; j < n; j++) {
				size_t at = e[j].offset + (d->aux_off >= 0 ? (size_t)d->aux_off : 0);
				size_t r = reloc_lower_bound(ss->sec, at);

				/* the replacement code is cut to the length the entry gives */
				if (d->aux_off >= 0 && r < ss->sec->nrelocs &&
				    ss->sec->relocs[r].offset == at) {
					struct target t;
					uint64_t len = ss->sec->data[e[j].offset + d->aux_len_off];

					resolve_target(&ss->sec->relocs[r], &t);
					if (t.sec && t.off >= 0 && t.off + len <= t.sec->size)
						add_piece(o, t.sec, (uint64_t)t.off, t.off + len);
				}
				add_piece(o, ss->sec, e[j].offset, e[j].offset + ss->entsize);
			}
		}
	}
}

/*
 * A new static whose gcc-numbered name the original object (and so the
 * running kernel) gives another variable of this file: gcc numbered the
 * statics of the patched file differently.  Renamed, so that no name in
 * the patch stands for two variables (lkhp-mkpatch refuses a copy of a
 * kernel variable by name).  NULL: the name is free.
 */
static char *new_local_name(struct out *o, const struct symbol *s)
{
	struct hent *e;
	char *name;

	if (s->status != ST_NEW || s->bind != STB_LOCAL || s->type != STT_OBJECT)
		return NULL;
	for (e = htab_first(&o->ctx->orig.sym_by_name, s->name); e; e = htab_next(e)) {
		const struct symbol *k = e->val;

		if (k->bind == STB_LOCAL && k->file && s->file && !strcmp(k->file, s->file))
			break;
	}
	if (!e)
		return NULL;
	name = malloc(strlen(s->name) + sizeof(NEW_LOCAL_SUFFIX));
	if (!name) {
		o->oom = true;
		return NULL;
	}
	sprintf(name, "%s" NEW_LOCAL_SUFFIX, s->name);
	return name;
}

static void add_included(struct out *o)
{
	struct elf_obj *p = &o->ctx->patched;
	size_t i;

	for (i = 1; i < p->nsecs && !o->oom; i++)
		if (p->secs[i].carry)
			add_piece(o, &p->secs[i], 0, p->secs[i].size);

	for (i = 1; i < p->nsyms && !o->oom; i++) {
		struct symbol *s = &p->syms[i];
		const char *name;
		char *owned;
		struct piece *pc;
		size_t idx;

		if (!s->include)
			continue;
		pc = sym_piece(o, s);
		if (!pc)
			return;
		/* a changed function keeps the kernel's name (foo.isra.2, not .3) */
		name = s->twin ? s->twin->name : s->name;
		owned = new_local_name(o, s);
		idx = add_sym(o, owned ? owned : name, s->bind, s->type);
		if (o->oom) {
			free(owned);
			return;
		}
		o->syms[idx].owned = owned;
		o->syms[idx].os = pc->os;
		o->syms[idx].value = pc->newoff;
		o->syms[idx].size = s->sym.st_size;
	}
}

/* A growing string table. */
struct strtab {
	char *buf;
	size_t size, cap;
};

static size_t str_add(struct strtab *st, const char *s, bool *oom)
{
	size_t len = strlen(s) + 1, at = st->size;
	char *b = grow(st->buf, &st->cap, st->size + len, 1, oom);

	if (!b)
		return 0;
	st->buf = b;
	memcpy(st->buf + at, s, len);
	st->size += len;
	return at;
}

static Elf_Scn *new_scn(Elf *e, const char *name, struct strtab *shstr, GElf_Shdr *sh,
			void *buf, size_t size, Elf_Type type, bool *oom)
{
	Elf_Scn *scn = elf_newscn(e);
	Elf_Data *d;

	if (!scn || !(d = elf_newdata(scn)))
		return NULL;
	d->d_buf = buf;
	d->d_size = size;
	d->d_type = type;
	d->d_align = sh->sh_addralign ? sh->sh_addralign : 1;
	d->d_version = EV_CURRENT;
	sh->sh_name = str_add(shstr, name, oom);
	sh->sh_size = size;
	if (!gelf_update_shdr(scn, sh))
		return NULL;
	return scn;
}

static int symbol_rank(const struct osym *s)
{
	if (s->type == STT_FILE)
		return 0;
	if (s->type == STT_SECTION)
		return 1;
	if (s->bind == STB_LOCAL)
		return 2;
	return s->os ? 3 : 4;
}

static int write_elf(struct out *o, int fd)
{
	struct strtab shstr = { 0 }, str = { 0 };
	Elf32_Sym *syms = NULL;
	size_t nsyms = 0, i, j, next, firstglobal, symtab_idx, strtab_idx, shstr_idx;
	GElf_Shdr sh;
	Elf32_Ehdr *eh;
	Elf *e = elf_begin(fd, ELF_C_WRITE, NULL);
	const char *file = NULL;
	int ret = -1, rank;
	Elf32_Rel **rels = calloc(o->nsecs + 1, sizeof(*rels));

	if (!e || !rels || !(eh = elf32_newehdr(e)))
		goto out;
	eh->e_ident[EI_DATA] = ELFDATA2LSB;
	eh->e_machine = EM_386;
	eh->e_type = ET_REL;
	eh->e_version = EV_CURRENT;
	str_add(&shstr, "", &o->oom);
	str_add(&str, "", &o->oom);

	/* indexes: data sections, their REL sections, the stack note, tables */
	next = 1;
	for (i = 0; i < o->nsecs; i++)
		o->order[i]->idx = next++;
	for (i = 0; i < o->nsecs; i++)
		if (o->order[i]->nrels)
			o->order[i]->relidx = next++;
	next++;			/* .note.GNU-stack */
	symtab_idx = next++;
	strtab_idx = next++;
	shstr_idx = next++;

	/* symbols: null, file, sections, locals, defined globals, undefined */
	syms = calloc(o->nsyms + 2, sizeof(*syms));
	if (!syms)
		goto out;
	nsyms = 1;
	for (i = 1; i < o->ctx->patched.nsyms && !file; i++)
		if (o->ctx->patched.syms[i].type == STT_FILE)
			file = o->ctx->patched.syms[i].name;
	if (file) {
		syms[nsyms].st_name = str_add(&str, file, &o->oom);
		syms[nsyms].st_info = ELF32_ST_INFO(STB_LOCAL, STT_FILE);
		syms[nsyms++].st_shndx = SHN_ABS;
	}
	firstglobal = 0;
	for (rank = 1; rank <= 4; rank++) {
		if (rank == 3)
			firstglobal = nsyms;
		for (j = 0; j < o->nsyms; j++) {
			struct osym *s = &o->syms[j];
			Elf32_Sym *es = &syms[nsyms];

			if (symbol_rank(s) != rank)
				continue;
			s->final = nsyms++;
			es->st_name = s->type == STT_SECTION ? 0 : str_add(&str, s->name, &o->oom);
			es->st_info = ELF32_ST_INFO(s->bind, s->type);
			es->st_shndx = s->os ? s->os->idx : SHN_UNDEF;
			es->st_value = (Elf32_Addr)s->value;
			es->st_size = (Elf32_Word)s->size;
		}
	}

	for (i = 0; i < o->nsecs; i++) {
		struct osec *os = o->order[i];

		sh = os->sh;
		sh.sh_link = 0;
		sh.sh_info = 0;
		if (!new_scn(e, os->src->name, &shstr, &sh, os->buf, os->size, ELF_T_BYTE, &o->oom))
			goto elf_err;
	}
	for (i = 0; i < o->nsecs; i++) {
		struct osec *os = o->order[i];
		char *name;

		if (!os->nrels)
			continue;
		rels[i] = calloc(os->nrels, sizeof(**rels));
		name = malloc(strlen(os->src->name) + 5);
		if (!rels[i] || !name) {
			free(name);
			goto out;
		}
		for (j = 0; j < os->nrels; j++) {
			rels[i][j].r_offset = os->rels[j].offset;
			rels[i][j].r_info = ELF32_R_INFO(o->syms[os->rels[j].sym].final,
							 os->rels[j].type);
		}
		sprintf(name, ".rel%s", os->src->name);
		memset(&sh, 0, sizeof(sh));
		sh.sh_type = SHT_REL;
		sh.sh_flags = SHF_INFO_LINK;
		sh.sh_link = symtab_idx;
		sh.sh_info = os->idx;
		sh.sh_addralign = 4;
		sh.sh_entsize = sizeof(Elf32_Rel);
		if (!new_scn(e, name, &shstr, &sh, rels[i], os->nrels * sizeof(Elf32_Rel),
			     ELF_T_REL, &o->oom)) {
			free(name);
			goto elf_err;
		}
		free(name);
	}
	/* no executable stack: ld warns about objects without this note */
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_PROGBITS;
	sh.sh_addralign = 1;
	if (!new_scn(e, ".note.GNU-stack", &shstr, &sh, NULL, 0, ELF_T_BYTE, &o->oom))
		goto elf_err;
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_SYMTAB;
	sh.sh_link = strtab_idx;
	sh.sh_info = firstglobal;
	sh.sh_addralign = 4;
	sh.sh_entsize = sizeof(Elf32_Sym);
	if (!new_scn(e, ".symtab", &shstr, &sh, syms, nsyms * sizeof(*syms), ELF_T_SYM, &o->oom))
		goto elf_err;
	memset(&sh, 0, sizeof(sh));
	sh.sh_type = SHT_STRTAB;
	sh.sh_addralign = 1;
	if (!new_scn(e, ".strtab", &shstr, &sh, str.buf, str.size, ELF_T_BYTE, &o->oom))
		goto elf_err;
	/* .shstrtab names itself, so its name goes in before its data is set */
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
	eh->e_shstrndx = (Elf32_Half)shstr_idx;
	if (elf_update(e, ELF_C_WRITE) < 0)
		goto elf_err;
	ret = 0;
	goto out;
elf_err:
	ERROR_ELF(o->ctx->out_path, "writing");
out:
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

static void out_free(struct out *o)
{
	size_t i;

	for (i = 0; i < o->nsecs; i++) {
		free(o->order[i]->buf);
		free(o->order[i]->rels);
		free(o->order[i]);
	}
	for (i = 0; i < o->nsyms; i++)
		free(o->syms[i].owned);
	free(o->order);
	free(o->secs);
	free(o->pieces);
	free(o->syms);
	htab_free(&o->und);
}

int output_write(struct ctx *ctx)
{
	struct out o;
	char *tmp = NULL;
	int fd = -1, ret = -1;

	memset(&o, 0, sizeof(o));
	o.ctx = ctx;
	o.secs = calloc(ctx->patched.nsecs, sizeof(*o.secs));
	if (!o.secs || htab_init(&o.und, 256))
		goto oom;
	add_sym(&o, "", STB_LOCAL, STT_NOTYPE);	/* index 0 stays unused */
	o.syms[0].type = STT_FILE;		/* ranks below everything: skipped */
	add_included(&o);
	drain(&o);
	/* Must be after drain(): entries refer to pieces of included functions. */
	add_specials(&o);
	drain(&o);
	if (o.oom)
		goto oom;
	if (lkhp_refusals)
		goto out;

	if (!output_path_ok(ctx->out_path)) {
		ERROR(ctx->out_path, "exists and is not a regular file: not replacing it");
		goto out;
	}
	tmp = malloc(strlen(ctx->out_path) + 8);
	if (!tmp)
		goto oom;
	sprintf(tmp, "%s.XXXXXX", ctx->out_path);
	fd = mkstemp(tmp);
	if (fd < 0) {
		ERROR(ctx->out_path, "creating a temporary file: %s", strerror(errno));
		goto out;
	}
	if (fchmod(fd, 0644) || write_elf(&o, fd) || fsync(fd) || close(fd)) {
		fd = -1;
		if (errno)
			ERROR(ctx->out_path, "write failed: %s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	fd = -1;
	if (rename(tmp, ctx->out_path)) {
		ERROR(ctx->out_path, "rename: %s", strerror(errno));
		unlink(tmp);
		goto out;
	}
	ret = 0;
	goto out;
oom:
	ERROR(ctx->out_path, "out of memory");
out:
	if (fd >= 0) {
		close(fd);
		unlink(tmp);
	}
	free(tmp);
	out_free(&o);
	return ret;
}
