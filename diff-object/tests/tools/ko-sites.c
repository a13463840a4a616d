// SPDX-License-Identifier: GPL-2.0
/*
 * ko-sites MODULE.ko SECTION: the code places that the entries of a special
 * section (.smp_locks, .parainstructions, ...) of a module point at, one
 * line each: "FUNCTION OFFSET BYTE", BYTE being the file's byte there in hex.
 * A guest test reads the loaded module's byte at FUNCTION+OFFSET: where the
 * kernel processed the entry at load time, it differs. Exit 0, or 1 with a
 * message when the module or the section cannot be read.
 */
#include <stdio.h>
#include <stdlib.h>
#include "../../elf.h"


static int print_site(const struct reloc *r)
{
	const struct symbol *s = r->sym;
	const struct section *text = s->sec;
	const struct symbol *fn;
	uint64_t off;

	if (!text || !sec_is_text(text) || !text->data)
		return 0;
	off = s->sym.st_value + (int64_t)r->addend;
	fn = section_symbol_at(text, off);
	if (!fn || fn->type != STT_FUNC || off >= text->size) {
		fprintf(stderr, "ko-sites: %s+0x%x: no function at %s+0x%llx\n",
			r->sec->name, r->offset, text->name,
			(unsigned long long)off);
		return -1;
	}
	printf("%s %llu %02x\n", fn->name,
	       (unsigned long long)(off - fn->sym.st_value), text->data[off]);
	return 0;
}

int main(int argc, char **argv)
{
	struct elf_obj obj;
	const struct section *sec;
	size_t i;
	int ret = 0;

	if (argc != 3) {
		fprintf(stderr, "usage: ko-sites MODULE.ko SECTION\n");
		return 1;
	}
	if (elf_version(EV_CURRENT) == EV_NONE) {
		fprintf(stderr, "ko-sites: libelf: %s\n", elf_errmsg(-1));
		return 1;
	}
	if (elf_obj_open(&obj, argv[1]))
		return 1;
	sec = find_section(&obj, argv[2]);
	if (!sec) {
		fprintf(stderr, "ko-sites: %s: no section %s\n", argv[1], argv[2]);
		elf_obj_close(&obj);
		return 1;
	}
	for (i = 0; i < sec->nrelocs && !ret; i++)
		ret = print_site(&sec->relocs[i]);
	elf_obj_close(&obj);
	return ret ? 1 : 0;
}
