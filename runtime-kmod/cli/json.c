// SPDX-License-Identifier: GPL-2.0
/*
 * The JSON of lkhp list --json and lkhp status --json (the schema is in
 * lkhp(8)): strings escaped per RFC 8259, the rest printed by the callers.
 */
#include <stdio.h>

#include "cli.h"

void json_str(const char *s)
{
	const unsigned char *c = (const unsigned char *)s;

	if (!s) {
		fputs("null", stdout);
		return;
	}
	putchar('"');
	for (; *c; c++) {
		if (*c == '"' || *c == '\\')
			printf("\\%c", *c);
		else if (*c < 0x20)
			printf("\\u%04x", *c);
		else
			putchar(*c);
	}
	putchar('"');
}

/* "KEY": STRING, with the comma before it unless it is the object's first. */
void json_key_str(int first, const char *key, const char *value)
{
	printf("%s\"%s\": ", first ? "" : ", ", key);
	json_str(value);
}
