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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lkhp/consts.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

/* what a new static is renamed to when its name is taken: see new_local_name() */
#define NEW_LOCAL_SUFFIX ".lkhp_new"

struct piece {
	struct section *src;
	uint64_t start, end, newoff;
	size_t sec;		/* its section in out.eo */
	size_t next;		/* the next piece of src, + 1; 0: none */
};

struct out {
	struct ctx *ctx;
	struct elf_out eo;	/* the object being built */
	size_t *secs;		/* by source section index: its section in eo, 0: none */
	size_t *first, *last;	/* by source section index: its first and last
				 * piece + 1 (0: none), chained in order */
	struct piece *pieces;
	size_t npieces, piececap, done;
	struct htab und;
	bool *labelled;		/* by source symbol index: its label is defined */
};

/*
 * What the patch takes from the kernel's .init* and .exit* sections (a
 * module's __exit function, its strings) must outlive the patch module's
 * init: the module loader frees a module's .init* once its init has run and
 * drops its .exit* when the kernel cannot unload modules.  It goes to
 * sections of ordinary names; code joins .text (lkhp-patch.lds merges
 * .text.*), the only section where the loader applies .smp_locks.
 */
static const char *out_name(const struct section *src)
{
	if (!sec_is_init(src) && !sec_is_exit(src))
		return src->name;
	if (sec_is_text(src))
		return ".text.lkhp_init_exit";
	return src->sh.sh_flags & SHF_WRITE ? ".data.lkhp_init_exit" : ".rodata.lkhp_init_exit";
}

static size_t out_sec(struct out *o, struct section *src)
{
	if (!o->secs[src->idx])
		o->secs[src->idx] = eo_section(&o->eo, out_name(src), &src->sh);
	return o->secs[src->idx];
}

/* The pieces of one source section are chained: lookups walk only those. */
static struct piece *piece_at(struct out *o, struct section *src, int64_t off)
{
	size_t i;

	for (i = o->first[src->idx]; i; i = o->pieces[i - 1].next) {
		struct piece *p = &o->pieces[i - 1];

		if (off >= (int64_t)p->start &&
		    (off < (int64_t)p->end || (off == (int64_t)p->end && p->start == p->end)))
			return p;
	}
	return NULL;
}

static struct piece *add_piece(struct out *o, struct section *src, uint64_t start,
			       uint64_t end)
{
	size_t sec = out_sec(o, src), i, align = src->sh.sh_addralign;
	struct piece *v;

	for (i = o->first[src->idx]; i; i = o->pieces[i - 1].next)
		if (o->pieces[i - 1].start == start && o->pieces[i - 1].end == end)
			return &o->pieces[i - 1];
	v = elf_grow(o->pieces, &o->piececap, o->npieces + 1, sizeof(*v), &o->eo.oom);
	if (!v)
		return NULL;
	o->pieces = v;	/* before any other failure: realloc may have moved it */
	if (!sec)
		return NULL;
	/* a piece cut from inside a section keeps its offset's alignment */
	while (align > 1 && start % align)
		align /= 2;
	v = &o->pieces[o->npieces++];
	v->next = 0;
	if (o->last[src->idx])
		o->pieces[o->last[src->idx] - 1].next = o->npieces;
	else
		o->first[src->idx] = o->npieces;
	o->last[src->idx] = o->npieces;
	v->src = src;
	v->start = start;
	v->end = end;
	v->sec = sec;
	v->newoff = eo_append(&o->eo, sec, src->data ? src->data + start : NULL, end - start,
			      align);
	return o->eo.oom ? NULL : v;
}

static struct piece *sym_piece(struct out *o, struct symbol *s)
{
	return add_piece(o, s->sec, s->sym.st_value, s->sym.st_value + s->sym.st_size);
}

/* The undefined symbol standing for s, the way the running kernel names it. */
static size_t und_sym(struct out *o, struct symbol *s)
{
	const struct symbol *k = pass(s)->twin ? pass(s)->twin : s;
	struct hent *e;
	char *name = NULL;
	size_t idx;

	if (k->bind == STB_LOCAL && k->sec) {
		size_t len = strlen(LKHP_LOCAL_PREFIX) + strlen(k->file ? k->file : "") +
			     strlen(k->name) + 2;

		name = malloc(len);
		if (!name) {
			o->eo.oom = true;
			return 0;
		}
		snprintf(name, len, LKHP_LOCAL_PREFIX "%s/%s", k->file ? k->file : "", k->name);
	}
	e = htab_first(&o->und, name ? name : k->name);
	if (e) {
		free(name);
		return (size_t)e->val;
	}
	idx = eo_symbol(&o->eo, k->name, name, STB_GLOBAL, STT_NOTYPE, 0, 0, 0);
	if (idx && htab_add(&o->und, o->eo.syms[idx].name, (void *)idx))
		o->eo.oom = true;
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

/*
 * A carried section keeps its labels and those of the strings it points at:
 * modpost finds an export by its __ksymtab_NAME label, its namespace by
 * __kstrtabns_NAME, never by section.
 */
static void keep_label(struct out *o, const struct symbol *s, const struct piece *pc)
{
	if (s->type != STT_NOTYPE || s->bind != STB_LOCAL || !s->sec || !*s->name ||
	    o->labelled[s->idx])
		return;
	o->labelled[s->idx] = true;
	eo_symbol(&o->eo, s->name, NULL, STB_LOCAL, STT_NOTYPE, pc->sec,
		  pc->newoff + s->sym.st_value - pc->start, 0);
}

static void clone_reloc(struct out *o, struct piece *pc, struct reloc *r)
{
	int64_t pos, addend;
	struct reloc_target t;
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
	if (t.sym && !pass(t.sym)->include) {
		sym = und_sym(o, t.sym);
		addend = pos - (t.sym->sec ? (int64_t)t.sym->sym.st_value : 0);
	} else {
		struct piece *tp = t.sym ? sym_piece(o, t.sym) : anon_piece(o, t.sec, t.off);

		if (!tp)
			return;
		sym = eo_section_symbol(&o->eo, tp->sec);
		addend = (int64_t)tp->newoff + pos - (int64_t)tp->start;
		if (pass(pc->src)->carry)
			keep_label(o, r->sym, tp);
	}
	eo_reloc(&o->eo, pc->sec, (uint32_t)(pc->newoff + (r->offset - pc->start)), r->type,
		 sym, (int32_t)addend);
}

/* Clone the relocations of every piece not yet processed (they add pieces). */
static void drain(struct out *o)
{
	while (o->done < o->npieces && !o->eo.oom) {
		struct piece pc = o->pieces[o->done++];
		size_t i = reloc_lower_bound(pc.src, pc.start);

		for (; i < pc.src->nrelocs && pc.src->relocs[i].offset < pc.end && !o->eo.oom; i++)
			if (pc.src->relocs[i].offset >= pc.start)
				clone_reloc(o, &pc, &pc.src->relocs[i]);
	}
}

static void add_specials(struct out *o)
{
	struct elf_obj *p = &o->ctx->patched;
	size_t k, i, j;

	for (k = 0; k < pass(p)->nspecials; k++) {
		struct special_sec *ss = &pass(p)->specials[k];
		const struct special_desc *d = ss->desc;

		for (i = 1; i < p->nsyms; i++) {
			struct special_entry *e;
			size_t n;

			if (!pass(&p->syms[i])->include || !sym_is_func(&p->syms[i]))
				continue;
			n = special_entries(ss, &p->syms[i], &e);
			for (j = 0; j < n; j++) {
				size_t at = e[j].offset + (d->aux_off >= 0 ? (size_t)d->aux_off : 0);
				size_t r = reloc_lower_bound(ss->sec, at);

				/* the replacement code is cut to the length the entry gives */
				if (d->aux_off >= 0 && r < ss->sec->nrelocs &&
				    ss->sec->relocs[r].offset == at) {
					struct reloc_target t;
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

	/* lkhp-mkpatch looks no special static up: it may keep its name */
	if (pass(s)->status != ST_NEW || s->bind != STB_LOCAL || s->type != STT_OBJECT ||
	    static_kind(s) != STATIC_KERNEL)
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
		o->eo.oom = true;
		return NULL;
	}
	sprintf(name, "%s" NEW_LOCAL_SUFFIX, s->name);
	return name;
}

static void add_included(struct out *o)
{
	struct elf_obj *p = &o->ctx->patched;
	size_t i;

	for (i = 1; i < p->nsecs && !o->eo.oom; i++)
		if (pass(&p->secs[i])->carry)
			add_piece(o, &p->secs[i], 0, p->secs[i].size);
	/* lkhp-mkpatch flags the functions these entries name */
	for (i = 0; i < pass(p)->nforced && !o->eo.oom; i++)
		add_piece(o, pass(p)->force_unsafe, pass(p)->forced[i], pass(p)->forced[i] + 4);
	for (i = 1; i < p->nsyms && !o->eo.oom; i++) {
		struct symbol *s = &p->syms[i];

		if (s->sec && pass(s->sec)->carry)
			keep_label(o, s, add_piece(o, s->sec, 0, s->sec->size));
	}

	for (i = 1; i < p->nsyms && !o->eo.oom; i++) {
		struct symbol *s = &p->syms[i];
		struct piece *pc;

		if (!pass(s)->include)
			continue;
		pc = sym_piece(o, s);
		if (!pc)
			return;
		/* a changed function keeps the kernel's name (foo.isra.2, not .3) */
		eo_symbol(&o->eo, pass(s)->twin ? pass(s)->twin->name : s->name, new_local_name(o, s),
			  s->bind, s->type, pc->sec, pc->newoff, s->sym.st_size);
	}
}

static void out_free(struct out *o)
{
	eo_free(&o->eo);
	free(o->secs);
	free(o->first);
	free(o->last);
	free(o->pieces);
	free(o->labelled);
	htab_free(&o->und);
}

int output_write(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	struct out o;
	size_t i;
	int ret = -1;

	memset(&o, 0, sizeof(o));
	o.ctx = ctx;
	o.secs = calloc(p->nsecs, sizeof(*o.secs));
	o.first = calloc(p->nsecs, sizeof(*o.first));
	o.last = calloc(p->nsecs, sizeof(*o.last));
	o.labelled = calloc(p->nsyms, sizeof(*o.labelled));
	if (!o.secs || !o.first || !o.last || !o.labelled || htab_init(&o.und, 256)) {
		ERROR(ctx->out_path, "out of memory");
		goto out;
	}
	/* the patched object's source file names the output's locals */
	for (i = 1; i < p->nsyms; i++)
		if (p->syms[i].type == STT_FILE) {
			eo_symbol(&o.eo, p->syms[i].name, NULL, STB_LOCAL, STT_FILE, 0, 0, 0);
			break;
		}
	add_included(&o);
	drain(&o);
	/* Must be after drain(): entries refer to pieces of included functions. */
	add_specials(&o);
	drain(&o);
	if (!lkhp_refusals)
		ret = eo_write(&o.eo, ctx->out_path);
out:
	out_free(&o);
	return ret;
}
