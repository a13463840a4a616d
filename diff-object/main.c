/*
 * lkhp-diff [-v] [-E] [-m] ORIG.o PATCHED.o OUT.o
 *
 * Compares an object file built before and after a source patch and writes
 * the patch object: the changed and new functions with what they need.
 * stdout: one "changed function: F" / "new function: F" line per finding.
 * Exit: 0 OUT.o written, 1 error, 2 unsupported change, 3 no change.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "warn.h"

static void usage(FILE *f)
{
	fprintf(f, "usage: lkhp-diff [-v] [-E] [-m] ORIG.o PATCHED.o OUT.o\n"
		"  -v  explain correlation, entry sizes and __LINE__-only changes on stderr\n"
		"  -E  carry no new EXPORT_SYMBOL (a cumulative patch): warn instead\n"
		"  -m  the objects are a module's code, on a kernel that unloads modules\n"
		"      (CONFIG_MODULE_UNLOAD): its __exit code stays loaded and is patched,\n"
		"      its __init code is patched for the loads that follow the patch\n"
		"exit: 0 written, 1 error, 2 unsupported change, 3 no change\n");
}

static int load(struct elf_obj *obj, const char *path)
{
	if (elf_obj_open(obj, path) || pass_init(obj) || split_shared_sections(obj) ||
	    dwarf_open(obj))
		return -1;
	/* Must be after the model and DWARF: entries resolve through symbols. */
	return special_read(obj);
}

static void report(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	size_t i;

	for (i = 1; i < p->nsyms; i++) {
		struct symbol *s = &p->syms[i];

		if (!pass(s)->report)
			continue;
		if (pass(s)->status == ST_NEW)
			printf("new function: %s\n", s->name);
		else
			printf("changed function: %s\n", pass(s)->twin->name);
	}
	fflush(stdout);
}

static void verbose_dump(struct ctx *ctx)
{
	static const char *const names[] = { "-", "SAME", "CHANGED", "NEW" };
	struct elf_obj *p = &ctx->patched;
	size_t i;

	for (i = 1; lkhp_verbose && i < p->nsyms; i++) {
		struct symbol *s = &p->syms[i];
		const struct symbol *was = pass(s)->twin;

		if (!sym_is_func(s) && !sym_is_data(s))
			continue;
		if (was && !strcmp(was->name, s->name))
			was = NULL;
		NOTE(p->path, "%s %s%s%s%s",
		     pass(s)->ignored ? "IGNORED" : names[pass(s)->status], s->name,
		     was ? " (was " : "", was ? was->name : "", was ? ")" : "");
	}
}

int main(int argc, char **argv)
{
	struct ctx ctx;
	bool nochange = false;
	int ret = -1, c;

	lkhp_tool = "lkhp-diff";

	memset(&ctx, 0, sizeof(ctx));
	while ((c = getopt(argc, argv, "vEmh")) != -1) {
		switch (c) {
		case 'v':
			lkhp_verbose = 1;
			break;
		case 'E':
			ctx.drop_exports = true;
			break;
		case 'm':
			ctx.module = true;
			break;
		case 'h':
			usage(stdout);
			return LKHP_EXIT_WRITTEN;
		default:
			usage(stderr);
			return LKHP_EXIT_ERROR;
		}
	}
	if (argc - optind != 3) {
		usage(stderr);
		return LKHP_EXIT_ERROR;
	}
	ctx.orig.fd = ctx.patched.fd = -1;
	ctx.out_path = argv[optind + 2];
	if (elf_version(EV_CURRENT) == EV_NONE) {
		ERROR("lkhp-diff", "libelf: %s", elf_errmsg(-1));
		return LKHP_EXIT_ERROR;
	}
	if (load(&ctx.orig, argv[optind]) || load(&ctx.patched, argv[optind + 1]))
		goto out;

	if (correlate(&ctx))
		goto out;
	/* Must be before compare(): what the author left out is not compared. */
	if (macros_read(&ctx) || compare(&ctx))
		goto out;
	verbose_dump(&ctx);
	/* Must be after compare(): refusals look at statuses, before anything is copied. */
	if (macros_check(&ctx) || check_unsupported(&ctx) || lkhp_refusals)
		goto out;
	if (!ctx.changed) {
		NOTE(ctx.patched.path, "no changed function");
		nochange = true;
		goto out;
	}
	note_kthread_functions(&ctx);
	if (include(&ctx) || lkhp_refusals)
		goto out;
	ret = output_write(&ctx);
	if (ret == 0)
		report(&ctx);
out:
	pass_free(&ctx.orig);
	pass_free(&ctx.patched);
	elf_obj_close(&ctx.orig);
	elf_obj_close(&ctx.patched);
	return nochange ? LKHP_EXIT_NOCHANGE : lkhp_exit_status(ret);
}
