/*
 * What a module's .ko says of the modules it uses: .modinfo's depends=
 * (modpost writes the modules whose exports it imports, each once, by the
 * last part of its path) and __versions (the CRC of each symbol it imports,
 * as the module loader checks them, struct modversion_info: a 4-byte CRC
 * on i386, then the name in the rest of LKHP_MODVERSION_SIZE bytes).
 */
#include <string.h>

#include "mkpatch.h"

#define LKHP_MODVERSION_SIZE	64	/* sizeof(struct modversion_info), MODULE_NAME_LEN */

/* kbuild's module names: a '-' of the file name is a '_' of the module's */
static bool same_module(const char *a, size_t alen, const char *b)
{
	size_t i;

	for (i = 0; i < alen; i++)
		if (!b[i] || (a[i] == '-' ? '_' : a[i]) != (b[i] == '-' ? '_' : b[i]))
			return false;
	return !b[alen];
}

bool module_depends_on(const struct target *t, const char *module)
{
	const struct section *sec = find_section(&t->obj, ".modinfo");
	const char *p, *end, *dep;

	if (!sec || !sec->data)
		return false;
	end = (const char *)sec->data + sec->size;
	for (p = (const char *)sec->data; p < end; p += strnlen(p, (size_t)(end - p)) + 1) {
		/* a string the section ends before its NUL is not one */
		if (!memchr(p, '\0', (size_t)(end - p)) ||
		    strncmp(p, "depends=", strlen("depends=")))
			continue;
		for (dep = p + strlen("depends="); *dep;) {
			size_t len = strcspn(dep, ",");

			if (same_module(dep, len, module))
				return true;
			dep += len + (dep[len] == ',');
		}
	}
	return false;
}

enum lookup module_import_crc(const struct target *t, const char *name, uint32_t *crc)
{
	const struct section *sec = find_section(&t->obj, "__versions");
	size_t off;

	for (off = 0; sec && sec->data && off + LKHP_MODVERSION_SIZE <= sec->size;
	     off += LKHP_MODVERSION_SIZE) {
		const unsigned char *e = sec->data + off;

		if (!strncmp((const char *)e + 4, name, LKHP_MODVERSION_SIZE - 4)) {
			*crc = (uint32_t)e[0] | (uint32_t)e[1] << 8 | (uint32_t)e[2] << 16 |
			       (uint32_t)e[3] << 24;
			return FOUND;
		}
	}
	return NOT_FOUND;
}
