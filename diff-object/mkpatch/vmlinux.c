/*
 * The running kernel's vmlinux as a target (target.c): a linked image, its
 * symbols at their link-time addresses and its ftrace and static branch
 * sites read from the tables the linker script gathers.
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

/*
 * A table the linker script gathers from every object between __start_NAME
 * and __stop_NAME (ftrace's __mcount_loc inside .init.data, the
 * __jump_table inside .data); an unlinked-style vmlinux that kept the
 * section by its name works too.  *len is 0 when there is none; *addr is
 * the table's link-time address (relative entries are offsets from it).
 */
static const unsigned char *vm_table(struct target *v, const char *start_sym,
				     const char *stop_sym, const char *secname, size_t *len,
				     uint32_t *addr)
{
	const struct vsym *start = NULL, *stop = NULL;
	struct section *sec;

	*len = 0;
	target_global(v, start_sym, false, &start);
	target_global(v, stop_sym, false, &stop);
	if (start && stop && stop->value >= start->value) {
		*len = stop->value - start->value;
		*addr = start->value;
		return target_bytes(v, start->value, *len);
	}
	sec = find_section(&v->obj, secname);
	if (!sec)
		return NULL;
	*len = sec->size;
	*addr = (uint32_t)sec->sh.sh_addr;
	return elf_section_bytes(sec);
}

static uint32_t get_u32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/*
 * Code addresses the running kernel reads from a table of entries of
 * @entsize bytes: the field at @off is the address itself (__mcount_loc) or,
 * when @relative, an s32 offset from the field (x86's relative jump
 * entries).  Sorted, for lookups by address.
 */
static int read_sites(struct target *v, const char *start,
		      const char *stop, const char *secname, size_t entsize, size_t off,
		      bool relative, struct sites *out)
{
	const unsigned char *p;
	uint32_t base = 0;
	size_t len, i;

	p = vm_table(v, start, stop, secname, &len, &base);
	if (!len)
		return 0;	/* not configured: no such sites */
	if (!p || len % entsize) {
		ERROR(v->path, "%s is unreadable", secname);
		return -1;
	}
	out->n = len / entsize;
	out->addr = malloc(out->n ? out->n * sizeof(*out->addr) : 1);
	if (!out->addr) {
		ERROR(v->path, "out of memory");
		return -1;
	}
	for (i = 0; i < out->n; i++) {
		uint32_t field = get_u32(p + i * entsize + off);

		out->addr[i] = relative ? base + (uint32_t)(i * entsize + off) + field : field;
	}
	/* __mcount_loc is sorted at build time only with BUILDTIME_MCOUNT_SORT */
	sites_sort(out);
	return 0;
}

int vmlinux_open(struct target *v, const char *path)
{
	memset(v, 0, sizeof(*v));
	v->path = path;
	if (elf_obj_open_executable(&v->obj, path))
		return -1;
	if (target_read_symtab(v) ||
	    read_sites(v, "__start_mcount_loc", "__stop_mcount_loc",
		       "__mcount_loc", 4, 0, false, &v->fentry) ||
	    read_sites(v, "__start___jump_table", "__stop___jump_table",
		       "__jump_table", LKHP_JUMP_ENTRY_SIZE, 0, true, &v->jump))
		return -1;
	return 0;
}

