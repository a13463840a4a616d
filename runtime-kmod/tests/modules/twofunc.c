// SPDX-License-Identifier: GPL-2.0
/*
 * Two functions switched together: loadavg_proc_show (appends "lkhp2-A")
 * and the get_avenrun it calls (loads of exactly 42.00). A reader of
 * /proc/loadavg sees both effects or neither: loadavg_proc_show is on the
 * reader's stack while it calls get_avenrun, so the stack check keeps the
 * switch away from the middle of a read, and stop_machine switches both.
 * get_avenrun is not exported: the new loadavg_proc_show calls it through
 * a pointer that an LKHP R_386_32 relocation fills.
 */
#include <linux/sched/loadavg.h>
#include <linux/seq_file.h>
#include "lkhp_test.h"

static void (*p_get_avenrun)(unsigned long *loads, unsigned long offset,
			     int shift);

static int new_loadavg_proc_show(struct seq_file *m, void *v)
{
	unsigned long avnrun[3];

	p_get_avenrun(avnrun, FIXED_1 / 200, 0);
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu lkhp2-A\n",
		   LOAD_INT(avnrun[0]), LOAD_FRAC(avnrun[0]),
		   LOAD_INT(avnrun[1]), LOAD_FRAC(avnrun[1]),
		   LOAD_INT(avnrun[2]), LOAD_FRAC(avnrun[2]));
	return 0;
}

/* Loads that print as 42.00 whoever formats them. */
static void new_get_avenrun(unsigned long *loads, unsigned long offset,
			    int shift)
{
	int i;

	for (i = 0; i < 3; i++)
		loads[i] = (42 * FIXED_1) << shift;
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(loadavg_proc_show, new_loadavg_proc_show),
	LKHP_TEST_FUNC(get_avenrun, new_get_avenrun),
};

static struct lkhp_patch_reloc relocs[] = {
	LKHP_TEST_RELOC(get_avenrun, &p_get_avenrun, LKHP_R_386_32, 0),
};

LKHP_TEST_PATCH("twofunc", 0, funcs, relocs, ARRAY_SIZE(relocs));
