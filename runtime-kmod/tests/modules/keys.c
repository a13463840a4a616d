// SPDX-License-Identifier: GPL-2.0
/*
 * Replaces cmdline_proc_show: /proc/cmdline reads "lkhp-keys on" or
 * "lkhp-keys off" as keys_target.ko's own static key is enabled or not
 * (off while keys_target is not loaded). The branch is what lkhp-mkpatch
 * makes of static_branch_unlikely(&keys_target_key) in code of a module's
 * part: an entry of the patch's jump table for keys_target, not of its
 * __jump_table, whose key field is an LKHP relocation of keys_target. A
 * callback for keys_target makes the module an object of the patch.
 */
#include <linux/seq_file.h>
#include <asm/nops.h>
#define LKHP_TEST_PREPARE keys_prepare
#include "lkhp_test.h"

/* The entry's key field and the table, defined by keys_on()'s asm. */
extern u32 lkhp_keys_key_field;
extern char lkhp_keys_jumps[];

static noinline bool keys_on(void)
{
	asm goto("1: .byte " __stringify(BYTES_NOP5) "\n\t"
		 ".pushsection " LKHP_JUMP_SECTION_PREFIX "keys_target, \"aw\"\n\t"
		 ".balign 4\n"
		 "lkhp_keys_jumps:\n\t"
		 ".long 1b - ., %l[yes] - .\n"
		 "lkhp_keys_key_field:\n\t"
		 ".long 0\n\t"
		 ".popsection" : : : : yes);
	return false;
yes:
	return true;
}

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "lkhp-keys %s\n", keys_on() ? "on" : "off");
	return 0;
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(cmdline_proc_show, new_cmdline_proc_show),
};

/* the branch flag (0: static_branch_unlikely) in the addend */
static struct lkhp_patch_reloc relocs[] = {
	{
		.sym_name = "keys_target_key",
		.objname = "keys_target",
		.place = &lkhp_keys_key_field,
		.type = LKHP_R_386_PC32,
		.flags = LKHP_RELOC_DATA,
		.secname = ".data.keys_target_key",
	},
};

LKHP_TEST_PATCH("keys", 0, funcs, relocs, 1);

static void keys_post_patch(struct lkhp_object *obj)
{
}

static struct lkhp_callback callbacks[] = {
	{
		.objname = "keys_target",
		.type = LKHP_CB_POST_PATCH,
		.fn.post = keys_post_patch,
	},
};

static struct lkhp_jump_table jump_tables[] = {
	{ .objname = "keys_target", .entries = lkhp_keys_jumps, .nr_entries = 1 },
};

static void keys_prepare(struct lkhp_patch *p)
{
	p->nr_callbacks = ARRAY_SIZE(callbacks);
	p->callbacks = callbacks;
	p->nr_jump_tables = ARRAY_SIZE(jump_tables);
	p->jump_tables = jump_tables;
}
