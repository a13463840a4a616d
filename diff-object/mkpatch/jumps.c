/*
 * The patch's static branches on a module's keys (its static keys, its
 * tracepoints' keys).  The kernel reads the patch module's __jump_table
 * when the patch loads, when that module may not be loaded: each such
 * entry moves to a section of its own per module (LKHP_JUMP_SECTION_PREFIX
 * NAME, struct lkhp_jump_table of patch.h), which lkhp.ko links into the
 * module's keys once it is loaded.  The entry's key field stays an LKHP
 * relocation, its place moved with the entry; its code and target fields
 * keep their relocations to the patch's code.
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

/*
 * The entry holding r (a relocation in __jump_table to a symbol of module
 * t) moves to t's table: r must be the key field.  -1: it is not (reported).
 */
int jump_entry_move(struct mkpatch *mk, const struct reloc *r, struct target *t)
{
	size_t n = r->sec->size / LKHP_JUMP_ENTRY_SIZE;

	if (r->offset % LKHP_JUMP_ENTRY_SIZE != LKHP_JUMP_KEY_OFF) {
		UNSUPPORTED(blame(mk, r->sym->name, false), r->sym->name, "a symbol of module %s at %s+0x%x, "
			    "not the key field of a jump entry", t->name, r->sec->name, r->offset);
		return -1;
	}
	if (!mk->jumps) {
		mk->jumps = calloc(n, sizeof(*mk->jumps));
		if (!mk->jumps) {
			ERROR(mk->out_path, "out of memory");
			return -1;
		}
		mk->njumps = n;
	}
	mk->jump_sec = r->sec;
	mk->jumps[r->offset / LKHP_JUMP_ENTRY_SIZE].to = t;
	return 0;
}

bool jump_moved(const struct mkpatch *mk, const struct section *sec, uint32_t off)
{
	return sec == mk->jump_sec && mk->jumps[off / LKHP_JUMP_ENTRY_SIZE].to;
}

/* The table of module t, added on first use; NULL: out of memory. */
static struct mk_jump_table *table_of(struct mkpatch *mk, struct elf_out *eo,
				      const struct section *sec, struct target *t)
{
	struct mk_jump_table *jt;
	size_t i;

	for (i = 0; i < mk->njump_tables; i++)
		if (mk->jump_tables[i].t == t)
			return &mk->jump_tables[i];
	jt = realloc(mk->jump_tables, (mk->njump_tables + 1) * sizeof(*jt));
	if (!jt)
		return NULL;
	mk->jump_tables = jt;
	jt = &jt[mk->njump_tables++];
	memset(jt, 0, sizeof(*jt));
	jt->t = t;
	jt->secname = malloc(strlen(LKHP_JUMP_SECTION_PREFIX) + strlen(t->name) + 1);
	if (!jt->secname)
		return NULL;
	strcpy(jt->secname, LKHP_JUMP_SECTION_PREFIX);
	strcat(jt->secname, t->name);
	jt->out_sec = eo_section(eo, jt->secname, &sec->sh);
	return jt->out_sec ? jt : NULL;
}

/*
 * Copy the linked __jump_table sec into OUT.o: the entries that stay into
 * __jump_table (not made when none does), the others into their module's
 * table, each entry's new place kept for its relocations.
 */
int copy_jump_table(struct mkpatch *mk, struct elf_out *eo, const struct section *sec)
{
	size_t i, kept = 0;

	for (i = 0; i < mk->njumps; i++) {
		struct jump_move *m = &mk->jumps[i];
		const unsigned char *entry = sec->data + i * LKHP_JUMP_ENTRY_SIZE;

		if (!m->to) {
			if (!kept)
				kept = eo_section(eo, sec->name, &sec->sh);
			m->out_sec = kept;
		} else {
			struct mk_jump_table *jt = table_of(mk, eo, sec, m->to);

			if (!jt) {
				ERROR(mk->out_path, "out of memory");
				return -1;
			}
			m->out_sec = jt->out_sec;
			jt->n++;
		}
		if (!m->out_sec)
			return -1;
		m->out_off = (uint32_t)eo_append(eo, m->out_sec, entry, LKHP_JUMP_ENTRY_SIZE,
						 sec->sh.sh_addralign);
	}
	mk->out_sec[sec->idx] = kept;
	return 0;
}

void out_place(const struct mkpatch *mk, const struct section *sec, uint32_t off,
	       size_t *out_sec, uint32_t *out_off)
{
	const struct jump_move *m;

	if (sec != mk->jump_sec) {
		*out_sec = mk->out_sec[sec->idx];
		*out_off = off;
		return;
	}
	m = &mk->jumps[off / LKHP_JUMP_ENTRY_SIZE];
	*out_sec = m->out_sec;
	*out_off = m->out_off + off % LKHP_JUMP_ENTRY_SIZE;
}

/* lkhp_jump_tables[], one per module whose keys the patch's code tests. */
void write_jump_tables(const struct mkpatch *mk, FILE *f)
{
	size_t i;

	fprintf(f, "#define LKHP_NR_JUMP_TABLES\t%zu\n", mk->njump_tables);
	if (!mk->njump_tables) {
		fputs("#define LKHP_JUMP_TABLES\tNULL\n\n", f);
		return;
	}
	for (i = 0; i < mk->njump_tables; i++)
		fprintf(f, "extern char " LKHP_SEC_SYM "%zu[];\n", mk->jump_tables[i].out_sec);
	fputs("static const struct lkhp_jump_table lkhp_jump_tables[] = {\n", f);
	for (i = 0; i < mk->njump_tables; i++) {
		const struct mk_jump_table *jt = &mk->jump_tables[i];

		fprintf(f, "\t{ \"%s\", " LKHP_SEC_SYM "%zu, %zu },\n", jt->t->name, jt->out_sec,
			jt->n);
	}
	fputs("};\n#define LKHP_JUMP_TABLES\tlkhp_jump_tables\n\n", f);
}

void jumps_free(struct mkpatch *mk)
{
	size_t i;

	for (i = 0; i < mk->njump_tables; i++)
		free(mk->jump_tables[i].secname);
	free(mk->jump_tables);
	free(mk->jumps);
}
