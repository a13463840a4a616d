/*
 * lkhp-mkpatch: step 5 of lkhp-build.  The objects lkhp-diff wrote become
 * the patch module's object and the tables its init hands to lkhp.ko.
 *
 * Exit (warn.h): 0 both outputs written; 1 an error, 2 a refusal, 3 the
 * patch replaces no function of the kernel, and nothing written in all three.
 */
#include <errno.h>
#include <getopt.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "mkpatch.h"

static void usage(FILE *f)
{
	fputs("usage: lkhp-mkpatch --vmlinux VMLINUX --symvers MODULE.SYMVERS\n"
	      "                    --tables OUT.h --output OUT.o --name NAME\n"
	      "                    --source-sha256 HEX [--originals DIR] [--replace]\n"
	      "                    [--runtime-symvers LKHP.SYMVERS] [--module NAME=KO]...\n"
	      "                    [-d] [NAME:]DIFF.o...\n"
	      "       lkhp-mkpatch --vmlinux VMLINUX --release\n"
	      "\n"
	      "Link the objects lkhp-diff wrote into the patch module's object OUT.o\n"
	      "and write OUT.h, what templates/lkhp-patch.c registers: the patch NAME\n"
	      "and the kernel VMLINUX is (release, version, KASLR anchor), and\n"
	      "  lkhp_funcs[]   every function of DIFF.o that its target has (a static:\n"
	      "                 in the same source file), with its address, size,\n"
	      "                 sympos and ftrace site taken from the target\n"
	      "  lkhp_relocs[]  every reference to a kernel symbol that MODULE.SYMVERS\n"
	      "                 does not export for vmlinux, removed from OUT.o and\n"
	      "                 resolved by lkhp.ko when the patch is registered\n"
	      "  LKHP_CALLBACKS the lkhp-macros.h callbacks of every DIFF.o, in input\n"
	      "                 order: .lkhp.callbacks of OUT.o (__lkhp_callbacks),\n"
	      "                 each one's objname its DIFF.o's target\n"
	      "and flags the functions .lkhp.force_unsafe names LKHP_FUNC_FORCE_UNSAFE.\n"
	      "The target of DIFF.o is VMLINUX, of NAME:DIFF.o module NAME's KO: its\n"
	      "symbols are the module's (even exported ones), or vmlinux's.\n"
	      "\n"
	      "  -V, --vmlinux FILE   the running kernel's vmlinux\n"
	      "  -s, --symvers FILE   its Module.symvers (the exported symbols)\n"
	      "      --runtime-symvers FILE  lkhp.ko's Module.symvers: its exports\n"
	      "                       (lkhp_shadow_*) are left to the module loader too\n"
	      "  -t, --tables FILE    the header to write\n"
	      "  -o, --output FILE    the object to write\n"
	      "  -n, --name NAME      the patch's name\n"
	      "  -S, --source-sha256 HEX  the checksum of the patch's sources\n"
	      "  -m, --module NAME=KO module NAME of the running kernel and its .ko file\n"
	      "                       (repeatable), the target of the inputs NAME:DIFF.o\n"
	      "  -O, --originals DIR  DIR/DIFF.o is the original object DIFF.o was diffed\n"
	      "                       from: each replaced function must be the same code\n"
	      "                       there and in its target (bytes and references)\n"
	      "  -r, --replace        a cumulative patch (it replaces all others)\n"
	      "      --release        print VMLINUX's release (uname -r) and exit\n"
	      "  -d, --debug          print each replaced function and LKHP relocation\n"
	      "  -h, --help           this help\n"
	      "\n"
	      "Refusals are 'ERROR: OBJ: SYMBOL: reason' lines on stderr.\n"
	      "Exit: 0 written, 1 error, 2 unsupported change refused,\n"
	      "3 the patch replaces no function of the kernel.\n", f);
}

static int parse_args(struct mkpatch *mk, int argc, char **argv)
{
	static const struct option opts[] = {
		{ "vmlinux", required_argument, NULL, 'V' },
		{ "symvers", required_argument, NULL, 's' },
		{ "runtime-symvers", required_argument, NULL, 'k' },
		{ "tables", required_argument, NULL, 't' },
		{ "output", required_argument, NULL, 'o' },
		{ "name", required_argument, NULL, 'n' },
		{ "source-sha256", required_argument, NULL, 'S' },
		{ "replace", no_argument, NULL, 'r' },
		{ "originals", required_argument, NULL, 'O' },
		{ "module", required_argument, NULL, 'm' },
		{ "release", no_argument, NULL, 'R' },
		{ "debug", no_argument, NULL, 'd' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	size_t nmods = 0;
	char **m;
	int c;

	while ((c = getopt_long(argc, argv, "V:s:t:o:n:S:O:m:rdh", opts, NULL)) != -1) {
		switch (c) {
		case 'V': mk->vmlinux_path = optarg; break;
		case 's': mk->symvers_path = optarg; break;
		case 'k': mk->runtime_symvers_path = optarg; break;
		case 't': mk->tables_path = optarg; break;
		case 'o': mk->out_path = optarg; break;
		case 'n': mk->name = optarg; break;
		case 'S': mk->source_sha256 = optarg; break;
		case 'r': mk->replace = true; break;
		case 'O': mk->originals = optarg; break;
		case 'm':
			m = realloc(mk->module_args, (nmods + 2) * sizeof(*m));
			if (!m) {
				ERROR(optarg, "out of memory");
				return -1;
			}
			mk->module_args = m;
			m[nmods++] = optarg;
			m[nmods] = NULL;
			break;
		case 'R': mk->print_release = true; break;
		case 'd': mk->debug = true; break;
		case 'h': usage(stdout); exit(0);
		default: usage(stderr); return -1;
		}
	}
	if (mk->print_release && mk->vmlinux_path && optind == argc)
		return 0;
	if (!mk->vmlinux_path || !mk->symvers_path || !mk->tables_path || !mk->out_path ||
	    !mk->name || !mk->source_sha256 || mk->print_release || optind >= argc) {
		usage(stderr);
		return -1;
	}
	mk->args = argv + optind;
	mk->ninputs = (size_t)(argc - optind);
	return 0;
}

/* "NAME", "NAME (FILE)", then " [MODULE]" for a module's symbol. */
static void print_kref(const struct kref *k)
{
	printf("%s%s%s%s", k->name, k->file ? " (" : "", k->file ? k->file : "",
	       k->file ? ")" : "");
	if (k->t->name)
		printf(" [%s]", k->t->name);
}

/* One line per table entry; the tests match their beginnings. */
static void print_debug(const struct mkpatch *mk)
{
	size_t i;

	for (i = 0; i < mk->nfuncs; i++) {
		const struct mk_func *f = &mk->funcs[i];

		fputs("replaced function: ", stdout);
		print_kref(&f->old);
		printf(" sympos %u site +%u%s (0x%08x, %u bytes)%s\n", f->old.sympos, f->site_offset,
		       f->near_jump ? " jmp-rel32" : "", target_table_addr(f->old.t, f->old.vs),
		       f->old.vs->size, f->force_unsafe ? " force-unsafe" : "");
	}
	print_callbacks(mk);
	for (i = 0; i < mk->nrelocs; i++) {
		const struct mk_reloc *r = &mk->relocs[i];

		fputs("lkhp relocation: ", stdout);
		print_kref(&r->sym);
		printf(" sympos %u %s addend %d at %s+0x%x ", r->sym.sympos,
		       r->type == LKHP_R_386_32 ? "R_386_32" : "R_386_PC32", r->addend,
		       r->sec->name, r->offset);
		if (r->sym.export)
			printf("(exported by %s, crc 0x%08x)\n", r->sym.export->module,
			       r->sym.export->crc);
		else
			printf("(0x%08x%s%s)\n", target_table_addr(r->sym.t, r->sym.vs),
			       r->sym.t->name ? " in " : "",
			       r->sym.t->name ? r->sym.vs->sec->name : "");
	}
}

/* path.XXXXXX, created 0644: renamed over path once everything is written. */
static int temp_for(const char *path, char **tmp)
{
	int fd;

	if (!output_path_ok(path)) {
		ERROR(path, "exists and is not a regular file: not replacing it");
		return -1;
	}
	*tmp = malloc(strlen(path) + 8);
	if (!*tmp)
		return -1;
	sprintf(*tmp, "%s.XXXXXX", path);
	fd = mkstemp(*tmp);
	if (fd < 0 || fchmod(fd, 0644)) {
		ERROR(path, "creating a temporary file: %s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			unlink(*tmp);
		}
		free(*tmp);
		*tmp = NULL;
		return -1;
	}
	return fd;
}

static int write_outputs(struct mkpatch *mk)
{
	struct elf_out eo = { 0 };
	char *ttmp = NULL;
	FILE *tf = NULL;
	int tfd, ret = -1;

	/* the object is built first: the header names its section indexes */
	if (build_object(mk, &eo))
		goto out;
	if (!output_path_ok(mk->out_path)) {
		ERROR(mk->out_path, "exists and is not a regular file: not replacing it");
		goto out;
	}
	tfd = temp_for(mk->tables_path, &ttmp);
	if (tfd < 0 || !(tf = fdopen(tfd, "w"))) {
		if (tfd >= 0)
			close(tfd);
		goto out;
	}
	if (write_tables(mk, tf) || fflush(tf) || fsync(fileno(tf))) {
		ERROR(mk->tables_path, "write failed: %s", strerror(errno));
		goto out;
	}
	/* the object last: lkhp-build takes a new object with an old header never */
	if (rename(ttmp, mk->tables_path)) {
		ERROR(mk->tables_path, "rename: %s", strerror(errno));
		goto out;
	}
	free(ttmp);
	ttmp = NULL;
	if (eo_write(&eo, mk->out_path)) {
		unlink(mk->tables_path);
		goto out;
	}
	ret = 0;
out:
	if (tf)
		fclose(tf);
	if (ttmp)
		unlink(ttmp);
	free(ttmp);
	eo_free(&eo);
	return ret;
}

static void mkpatch_free(struct mkpatch *mk)
{
	size_t i;

	elf_obj_close(&mk->obj);
	originals_close(mk);
	inputs_close(mk);
	free(mk->module_args);
	if (mk->linked_path)
		unlink(mk->linked_path);
	free(mk->linked_path);
	target_close(&mk->vm);
	symvers_free(&mk->sv);
	symvers_free(&mk->runtime_sv);
	for (i = 0; i < mk->nrelocs; i++)
		free((char *)mk->relocs[i].sym.file);
	free(mk->relocs);
	free(mk->funcs);
	free(mk->by_addr);
	free(mk->aliases);
	free(mk->drop_reloc);
	free(mk->reloc_base);
	free(mk->has_place);
	free(mk->out_sec);
	jumps_free(mk);
}

int main(int argc, char **argv)
{
	struct mkpatch mk;
	bool nochange = false;
	int ret = -1;

	lkhp_tool = "lkhp-mkpatch";
	memset(&mk, 0, sizeof(mk));
	mk.obj.fd = -1;
	mk.vm.obj.fd = -1;
	if (parse_args(&mk, argc, argv))
		return LKHP_EXIT_ERROR;
	elf_version(EV_CURRENT);

	if (vmlinux_open(&mk.vm, mk.vmlinux_path) || vmlinux_identity(&mk.vm, &mk.kernel))
		goto out;
	if (mk.print_release) {
		printf("%s\n", mk.kernel.release);
		ret = 0;
		goto out;
	}
	if (symvers_read(&mk.sv, mk.symvers_path) ||
	    (mk.runtime_symvers_path && symvers_read(&mk.runtime_sv, mk.runtime_symvers_path)) ||
	    open_targets(&mk) || parse_inputs(&mk))
		goto out;
	if (link_inputs(&mk))
		goto out;
	/* Must be before find_functions(): the pins steer its lookups. */
	if (originals_open(&mk) || pin_original_files(&mk))
		goto out;
	/* They report every problem they find before the run fails. */
	if (find_functions(&mk) | find_relocs(&mk) | check_carried_data(&mk) |
	    check_callbacks(&mk))
		goto out;
	if (!mk.nfuncs) {
		WARN(mk.vmlinux_path, "the patch replaces no function of the kernel");
		nochange = true;
		goto out;
	}
	/* Must be after find_functions(): they flag and compare what it found. */
	if (mark_force_unsafe(&mk) || verify_originals(&mk))
		goto out;
	/* Must be after find_relocs(): they check the LKHP relocations' places
	 * and the symbols the tables name. */
	if (check_rewritten_sites(&mk) | check_kallsyms(&mk))
		goto out;
	if (mk.debug)
		print_debug(&mk);
	/* Must be after find_relocs(): it zeroes the fields in the model. */
	if (write_outputs(&mk))
		goto out;
	ret = 0;
out:
	mkpatch_free(&mk);
	return nochange ? LKHP_EXIT_NOCHANGE : lkhp_exit_status(ret);
}
