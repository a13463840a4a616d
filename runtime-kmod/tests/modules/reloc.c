// SPDX-License-Identifier: GPL-2.0
/*
 * A new cmdline_proc_show that uses two symbols vmlinux does not export,
 * both through LKHP relocations: nr_processes() called through a jmp thunk
 * whose rel32 (in read-only module text) an R_386_PC32 relocation fills,
 * and saved_command_line read through a pointer an R_386_32 one fills.
 */
#include <linux/seq_file.h>
#include "lkhp_test.h"

int lkhp_nr_processes_thunk(void);

/* jmp rel32, the rel32 at thunk + 1 */
asm(".pushsection .text, \"ax\"\n"
	".type lkhp_nr_processes_thunk, @function\n"
	"lkhp_nr_processes_thunk:\n"
	".byte 0xe9\n"
	".long 0\n"
	".size lkhp_nr_processes_thunk, . - lkhp_nr_processes_thunk\n"
	".popsection\n");

static char **p_saved_command_line;

static int new_cmdline_proc_show(struct seq_file *m, void *v)
{
	seq_printf(m, "lkhp-reloc procs=%d cmdline=%s\n",
		   lkhp_nr_processes_thunk(), *p_saved_command_line);
	return 0;
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(cmdline_proc_show, new_cmdline_proc_show),
};

static struct lkhp_patch_reloc relocs[] = {
	LKHP_TEST_RELOC(nr_processes, (void *)lkhp_nr_processes_thunk + 1,
			LKHP_R_386_PC32, -4),
	LKHP_TEST_RELOC(saved_command_line, &p_saved_command_line,
			LKHP_R_386_32, 0),
};

LKHP_TEST_PATCH("reloc", 0, funcs, relocs, ARRAY_SIZE(relocs));
