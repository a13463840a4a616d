// SPDX-License-Identifier: GPL-2.0
/*
 * lkhp status: are this machine's fixes live? Its patches are those loaded
 * and those the running kernel's stores hold (what lkhp.service loads at
 * boot, a package's or the admin's); a patch is live when it is enabled.
 * One line per patch, or JSON with --json (lkhp(8) has the schema).
 * Exit status: 0 every one is live (or there is none), 1 one is not, 2 it
 * could not tell (the patch table or a store could not be read).
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

#define STATUS_UNKNOWN	2

/* One patch of the machine: loaded (@l), stored (@s), or both. */
struct row {
	const struct lkhp_patch_info *l;
	const struct stored *s;
};

static const char *row_name(const struct row *r)
{
	return r->l ? r->l->name : r->s->ok ? r->s->mi.patch : r->s->file;
}

static const char *row_state(const struct row *r)
{
	return r->l ? state_name(r->l->state) : r->s->ok ? "not loaded" : "unreadable";
}

static int row_live(const struct row *r)
{
	return r->l && r->l->state == LKHP_STATE_ENABLED;
}

static void print_text(const struct row *r, int n, int live)
{
	int i;

	if (!n) {
		printf("%s: no patches\n", running_release());
		return;
	}
	printf("%-24s %-10s %-4s %-4s %s\n", "NAME", "STATE", "LIVE", "ID", "FILE");
	for (i = 0; i < n; i++) {
		char id[16] = "-";

		if (r[i].l)
			snprintf(id, sizeof(id), "%u", r[i].l->id);
		printf("%-24s %-10s %-4s %-4s %s%s%s\n", row_name(&r[i]), row_state(&r[i]),
		       row_live(&r[i]) ? "yes" : "NO", id, r[i].s ? r[i].s->path : "-",
		       r[i].s && !r[i].s->ok ? ": " : "", r[i].s && !r[i].s->ok ? r[i].s->why : "");
	}
	printf("%s: %d patch%s, %s\n", running_release(), n, n == 1 ? "" : "es",
	       live == n ? "all live" : "NOT all live");
}

static void print_json(const struct row *r, int n, int live)
{
	int i;

	printf("{");
	json_key_str(1, "kernel", running_release());
	printf(", \"live\": %s, \"patches\": [", live == n ? "true" : "false");
	for (i = 0; i < n; i++) {
		printf("%s{", i ? ", " : "");
		json_key_str(1, "name", row_name(&r[i]));
		json_key_str(0, "module", r[i].l ? r[i].l->module :
					  r[i].s->ok ? r[i].s->mi.name : NULL);
		json_key_str(0, "state", row_state(&r[i]));
		printf(", \"live\": %s", row_live(&r[i]) ? "true" : "false");
		if (r[i].l)
			printf(", \"id\": %u", r[i].l->id);
		else
			printf(", \"id\": null");
		json_key_str(0, "file", r[i].s ? r[i].s->path : NULL);
		json_key_str(0, "error", r[i].s && !r[i].s->ok ? r[i].s->why : NULL);
		printf("}");
	}
	printf("]}\n");
}

int cmd_status(const struct opts *o)
{
	struct lkhp_patch_info *p = NULL;
	struct stored *st = NULL;
	struct row *r;
	int np = 0, ns, n = 0, i, live = 0, fd;

	/* Without lkhp.ko nothing is loaded; any other failure: cannot tell. */
	fd = dev_open();
	if (fd >= 0)
		np = get_all(&p);
	else if (fd != -ENOENT)
		dev_error(fd);
	if ((fd < 0 && fd != -ENOENT) || np < 0)
		return STATUS_UNKNOWN;
	ns = stored_patches(&st);
	if (ns < 0) {
		free(p);
		return STATUS_UNKNOWN;
	}
	r = calloc(np + ns + 1, sizeof(*r));
	if (!r) {
		err("out of memory");
		free(p);
		free(st);
		return STATUS_UNKNOWN;
	}
	for (i = 0; i < np; i++)
		r[n++].l = &p[i];
	/* a stored patch that is loaded is that patch's row */
	for (i = 0; i < ns; i++) {
		const struct lkhp_patch_info *l = st[i].ok ? loaded_as(p, np, st[i].mi.name) : NULL;

		if (l)
			r[l - p].s = &st[i];
		else
			r[n++].s = &st[i];
	}
	for (i = 0; i < n; i++)
		live += row_live(&r[i]);
	if (o->json)
		print_json(r, n, live);
	else
		print_text(r, n, live);
	free(r);
	free(p);
	free(st);
	return live == n ? 0 : 1;
}
