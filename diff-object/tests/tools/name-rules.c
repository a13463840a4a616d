/*
 * name-rules: unit test of the name rules of the ELF model (elf.c) that
 * lkhp-diff and lkhp-mkpatch share: which function is the cold part of
 * which (cold_parent_len()), and gcc's numbers dropped (name_key()).  The
 * names are those gcc 12 writes into the 6.1 kernel, and gcc 8's cold
 * parts.  Prints each mismatch; exit 1 if any.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "../../elf.h"

static const struct {
	const char *name, *parent;	/* parent NULL: no cold part */
} cold[] = {
	{ "foo.cold", "foo" },
	{ "foo.cold.2", "foo" },		/* gcc 8, 9 */
	{ "foo.part.0.cold", "foo.part.0" },
	{ "foo.isra.0.cold", "foo.isra.0" },
	{ "foo.constprop.0.cold", "foo.constprop.0" },
	{ "foo.constprop.0.isra.0.cold", "foo.constprop.0.isra.0" },
	{ "foo", NULL },
	{ "foo.isra.0", NULL },
	{ "foo.cold.isra.0", NULL },		/* no clone follows the split */
	{ "foo.colder", NULL },
	{ "foo.cold.", NULL },
	{ "foo.cold2", NULL },
	{ "foocold", NULL },
	{ ".cold", NULL },
	{ ".cold.1", NULL },
	{ "cold.3", NULL },			/* a static local named cold */
	{ "cold", NULL },
	{ "", NULL },
};

static const struct {
	const char *name, *key;
} keys[] = {
	{ "foo.constprop.0.isra.0", "foo.constprop.isra" },
	{ "count.3", "count" },
	{ "foo.cold", "foo.cold" },
	{ "foo.part.1.cold", "foo.part.cold" },
	{ ".LC0", ".LC0" },
	{ "__UNIQUE_ID_ddebug966.37", "__UNIQUE_ID_ddebug" },
	{ "__UNIQUE_ID___addressable_foo412", "__UNIQUE_ID___addressable_foo" },
	{ "__UNIQUE_ID_", "__UNIQUE_ID_" },
	{ "__UNIQUE_ID_123", "__UNIQUE_ID_123" },	/* no prefix: nothing to tell apart */
};

int main(void)
{
	size_t i, len;
	int bad = 0;

	for (i = 0; i < sizeof(cold) / sizeof(cold[0]); i++) {
		const char *want = cold[i].parent;

		len = cold_parent_len(cold[i].name);
		if (want ? len != strlen(want) || strncmp(cold[i].name, want, len) : len != 0) {
			printf("cold_parent_len(\"%s\") = %zu, want %zu\n", cold[i].name, len,
			       want ? strlen(want) : 0);
			bad = 1;
		}
	}
	for (i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		char *k = name_key(keys[i].name);

		if (!k || strcmp(k, keys[i].key)) {
			printf("name_key(\"%s\") = \"%s\", want \"%s\"\n", keys[i].name,
			       k ? k : "(null)", keys[i].key);
			bad = 1;
		}
		free(k);
	}
	return bad;
}
