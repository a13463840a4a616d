// SPDX-License-Identifier: GPL-2.0
/*
 * A relocation place across a page boundary of the patch module's text:
 * pagecross_get() is `movl $saved_command_line, %eax; ret`, with the 4-byte
 * immediate at offsets 4094..4097 of a page-aligned section, filled by an
 * LKHP R_386_32 relocation. /proc/cmdline shows "lkhp-pagecross" and the
 * command line read through it: lkhp wrote both pages of the place.
 */
#include <linux/seq_file.h>
#include "lkhp_test.h"

char **pagecross_get(void);
extern char pagecross_imm[];
asm(".pushsection .text.lkhp_pagecross, \"ax\"\n"
    ".p2align 12\n"
    ".skip 4093, 0x90\n"
    ".globl pagecross_get\n"
    "pagecross_get:\n"
    ".byte 0xb8\n"			/* movl $imm32, %eax */
    ".globl pagecross_imm\n"
    "pagecross_imm:\n"
    ".long 0\n"
    "ret\n"
    ".popsection");

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "lkhp-pagecross %s\n", *pagecross_get());
	return 0;
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(cmdline_proc_show, new_cmdline_proc_show),
};

static struct lkhp_patch_reloc relocs[] = {
	LKHP_TEST_RELOC(saved_command_line, pagecross_imm, LKHP_R_386_32, 0),
};

LKHP_TEST_PATCH("pagecross", 0, funcs, relocs, ARRAY_SIZE(relocs));
