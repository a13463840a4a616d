// SPDX-License-Identifier: GPL-2.0
/*
 * A patch module whose tables insmod's corrupt=KIND breaks before it
 * registers (the kinds: malformed_prepare below). Every kind must be
 * refused with a message, the kernel unchanged; without corrupt= the same
 * module is a good patch of cmdline_proc_show, and so it is with
 * corrupt=alias (its relocation names a symbol by a name kallsyms does not
 * show, and the alias table gives the one it shows).
 */
#include <linux/jump_label.h>
#include <linux/seq_file.h>
#include <linux/utsname.h>
#define LKHP_TEST_PREPARE malformed_prepare
#include "lkhp_test.h"

static char *corrupt = "";
module_param(corrupt, charp, 0444);
MODULE_PARM_DESC(corrupt, "which part of the tables to break");

static u32 data_word;	/* a data symbol of this module, not code */
static char **reloc_target;	/* &saved_command_line, by relocation */

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "lkhp-malformed-patched %s\n", *reloc_target);
	return 0;
}

/* The second entry is used only by corrupt=duplicate. */
static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(cmdline_proc_show, new_cmdline_proc_show),
	LKHP_TEST_FUNC(cmdline_proc_show, new_cmdline_proc_show),
};

static struct lkhp_patch_reloc relocs[] = {
	LKHP_TEST_RELOC(saved_command_line, &reloc_target, LKHP_R_386_32, 0),
};

LKHP_TEST_PATCH_N("malformed", 0, funcs, 1, relocs, 1);

/* Given to the patch by the alias* kinds only. */
static struct lkhp_alias aliases[] = {
	{ .name = "saved_command_line", .addr = SYM_saved_command_line_ADDR },
	{ .name = NULL },
};

/* Given to the patch by the jump-* kinds only: vmlinux's, which is refused. */
static struct jump_entry jump_entries[1];
static struct lkhp_jump_table jump_tables[] = {
	{ .objname = "", .entries = jump_entries, .nr_entries = 1 },
};

static int malformed_pre_patch(struct lkhp_object *obj)
{
	return 0;
}

/* Given to the patch by the callback-* kinds only. */
static struct lkhp_callback callbacks[] = {
	{ .type = LKHP_CB_PRE_PATCH, .fn.pre = malformed_pre_patch },
};

/*
 * The relocation names saved_command_line by a name kallsyms does not show;
 * the alias table has the one it shows, @skew bytes off its address.
 */
static void malformed_alias(struct lkhp_patch *p, u32 skew)
{
	relocs[0].sym_name = "lkhp_alias_of_saved_command_line";
	aliases[0].addr += skew;
	p->aliases = aliases;
}

static void malformed_prepare(struct lkhp_patch *p)
{
	const char *outside = init_uts_ns.name.sysname;	/* vmlinux data */

	if (!strcmp(corrupt, "abi"))
		p->abi_version = LKHP_ABI_VERSION + 1;
	else if (!strcmp(corrupt, "struct-size"))
		p->struct_size -= 4;
	else if (!strcmp(corrupt, "func-size"))
		p->func_size -= 4;
	else if (!strcmp(corrupt, "reloc-size"))
		p->reloc_size += 4;
	else if (!strcmp(corrupt, "huge-funcs"))
		p->nr_funcs = 0x10000000;
	else if (!strcmp(corrupt, "huge-relocs"))
		p->nr_relocs = 0x7fffffff;
	else if (!strcmp(corrupt, "null-funcs"))
		p->funcs = NULL;
	else if (!strcmp(corrupt, "null-relocs"))
		p->relocs = NULL;
	else if (!strcmp(corrupt, "flags"))
		p->flags = 0x80;
	else if (!strcmp(corrupt, "bad-mod"))
		p->mod = (struct module *)&data_word;
	else if (!strcmp(corrupt, "null-name"))
		funcs[0].old_name = NULL;
	else if (!strcmp(corrupt, "name-outside"))
		funcs[0].old_name = outside;
	else if (!strcmp(corrupt, "bad-site"))
		funcs[0].site_offset = 3;
	else if (!strcmp(corrupt, "duplicate"))
		p->nr_funcs = 2;
	else if (!strcmp(corrupt, "new-in-data"))
		funcs[0].new_func = &data_word;
	else if (!strcmp(corrupt, "new-outside"))
		funcs[0].new_func = (void *)outside;
	else if (!strcmp(corrupt, "place-outside"))
		relocs[0].place = (void *)outside;
	else if (!strcmp(corrupt, "reloc-type"))
		relocs[0].type = 10;
	else if (!strcmp(corrupt, "missing-symbol"))
		relocs[0].sym_name = "lkhp_no_such_symbol";
	else if (!strcmp(corrupt, "no-anchor"))
		p->anchor_addr = 0;
	else if (!strcmp(corrupt, "data-anchor"))
		p->data_anchor_addr += 0x1000;
	else if (!strcmp(corrupt, "reloc-flags"))
		relocs[0].flags = 0x80;
	else if (!strcmp(corrupt, "aliases-outside"))
		p->aliases = (void *)outside;
	else if (!strcmp(corrupt, "alias"))
		malformed_alias(p, 0);
	else if (!strcmp(corrupt, "alias-elsewhere"))
		malformed_alias(p, 4);
	else if (!strcmp(corrupt, "release-outside"))
		p->kernel_release = outside;
	else if (!strcmp(corrupt, "bad-name"))
		p->name = "mal/formed";
	else if (!strcmp(corrupt, "place-in-header"))
		relocs[0].place = &p->nr_relocs;
	else if (!strcmp(corrupt, "func-flags"))
		funcs[0].flags = 0x80;
	else if (!strcmp(corrupt, "jump-tables")) {
		p->nr_jump_tables = 0x7fffffff;
		p->jump_tables = jump_tables;
	} else if (!strcmp(corrupt, "jump-objname")) {
		p->nr_jump_tables = 1;
		p->jump_tables = jump_tables;
	} else if (!strcmp(corrupt, "export-vmlinux"))
		relocs[0].exporter = "af_packet";	/* vmlinux uses no module */
	else if (!strcmp(corrupt, "export-crc"))
		relocs[0].crc = 0x1234;		/* a CRC without an exporter */
	else if (!strncmp(corrupt, "callback-", 9)) {
		p->nr_callbacks = 1;
		p->callbacks = callbacks;
		if (!strcmp(corrupt, "callback-table"))
			p->nr_callbacks = 0x7fffffff;
		else if (!strcmp(corrupt, "callback-type"))
			callbacks[0].type = 9;
		else if (!strcmp(corrupt, "callback-fn"))
			callbacks[0].fn.pre = (void *)&data_word;
		else if (!strcmp(corrupt, "callback-objname"))
			callbacks[0].objname = outside;
		else if (!strcmp(corrupt, "callback-place"))
			relocs[0].place = &callbacks[0].fn;
		else
			pr_err("lkhp-malformed: unknown corrupt=%s\n", corrupt);
	}
	else if (*corrupt)
		pr_err("lkhp-malformed: unknown corrupt=%s\n", corrupt);
}
