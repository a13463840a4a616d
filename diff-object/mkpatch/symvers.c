/*
 * Module.symvers: the symbols the module loader resolves by itself.
 * Lines are "CRC<TAB>NAME<TAB>MODULE<TAB>EXPORT_TYPE<TAB>NAMESPACE".  A
 * namespaced export of vmlinux is not counted: the loader refuses it unless
 * the module imports the namespace, so the patch reaches it through an LKHP
 * relocation.  A module's namespaced export is counted like its others: the
 * patched module that uses it imports the namespace itself.
 * Only vmlinux's exports are left to the loader: a module's (the third
 * column is its path) would make the patch module need it loaded; lkhp.ko
 * resolves those (resolve.c), checking the CRC of the first column.
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

int symvers_read(struct symvers *sv, const char *path)
{
	FILE *f = fopen(path, "r");
	size_t len = 0, lines = 0, lineno = 0;
	char *p, *end;

	memset(sv, 0, sizeof(*sv));
	if (!f) {
		ERROR(path, "open: %s", strerror(errno));
		return -1;
	}
	/* the whole file, NUL-terminated: the hash table keys point into it */
	if (fseek(f, 0, SEEK_END) || (long)(len = (size_t)ftell(f)) < 0 ||
	    fseek(f, 0, SEEK_SET) || !(sv->buf = malloc(len + 1)) ||
	    fread(sv->buf, 1, len, f) != len) {
		ERROR(path, "read failed");
		fclose(f);
		return -1;
	}
	fclose(f);
	sv->buf[len] = '\0';
	for (p = sv->buf; *p; p++)
		lines += *p == '\n';
	sv->ents = calloc(lines + 1, sizeof(*sv->ents));
	if (!sv->ents || htab_init(&sv->names, lines + 1))
		goto oom;

	for (p = sv->buf; *p; p = end) {
		char *field[5] = { NULL }, *crc_end;
		struct symvers_ent *ent = &sv->ents[sv->nents];
		size_t n = 0;

		end = strchr(p, '\n');
		end = end ? end + 1 : p + strlen(p);
		if (end[-1] == '\n')
			end[-1] = '\0';
		lineno++;
		while (n < 5) {
			field[n++] = p;
			p = strchr(p, '\t');
			if (!p)
				break;
			*p++ = '\0';
		}
		if (!field[0][0])
			continue;
		ent->crc = (uint32_t)strtoul(field[0], &crc_end, 16);
		if (n < 2 || !field[1][0] || *crc_end) {
			ERROR(path, "line %zu: not in Module.symvers format", lineno);
			return -1;
		}
		/* a line without the exporter (older formats): vmlinux's */
		ent->owner = n >= 3 && field[2][0] ? field[2] : "vmlinux";
		if (n >= 5 && field[4][0] && !strcmp(ent->owner, "vmlinux"))
			continue;
		if (strcmp(ent->owner, "vmlinux")) {
			/* the module's name: the path's last part, '-' as '_' (kbuild) */
			const char *last = strrchr(ent->owner, '/');

			ent->module = strdup(last ? last + 1 : ent->owner);
			if (!ent->module)
				goto oom;
			for (p = ent->module; *p; p++)
				*p = *p == '-' ? '_' : *p;
		}
		if (htab_add(&sv->names, field[1], ent))
			goto oom;
		sv->nents++;
	}
	return 0;
oom:
	ERROR(path, "out of memory");
	return -1;
}

const struct symvers_ent *symvers_find(const struct symvers *sv, const char *name)
{
	struct hent *e = htab_first(&sv->names, name);

	return e ? e->val : NULL;
}

void symvers_free(struct symvers *sv)
{
	size_t i;

	htab_free(&sv->names);
	for (i = 0; i < sv->nents; i++)
		free(sv->ents[i].module);
	free(sv->ents);
	free(sv->buf);
	sv->ents = NULL;
	sv->nents = 0;
	sv->buf = NULL;
}
