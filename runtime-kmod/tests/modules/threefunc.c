// SPDX-License-Identifier: GPL-2.0
/*
 * Three functions switched together (the soak benchmark's patch):
 * loadavg_proc_show (appends "lkhp3-A"), the get_avenrun it calls (loads of
 * exactly 42.00) and nr_running (4242 runnable). A reader of /proc/loadavg
 * sees all three effects or none. Neither callee is exported: the new
 * loadavg_proc_show calls them through pointers that LKHP relocations fill.
 */
#include <linux/sched/loadavg.h>
#include <linux/seq_file.h>
#include "lkhp_test.h"

static void (*p_get_avenrun)(unsigned long *loads, unsigned long offset,
			     int shift);
static unsigned int (*p_nr_running)(void);

static int new_loadavg_proc_show(struct seq_file *m, void *v)
{
	unsigned long avnrun[3];

	p_get_avenrun(avnrun, FIXED_1 / 200, 0);
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu %u/0 lkhp3-A\n",
		   LOAD_INT(avnrun[0]), LOAD_FRAC(avnrun[0]),
		   LOAD_INT(avnrun[1]), LOAD_FRAC(avnrun[1]),
		   LOAD_INT(avnrun[2]), LOAD_FRAC(avnrun[2]), p_nr_running());
	return 0;
}

static void new_get_avenrun(unsigned long *loads, unsigned long offset,
			    int shift)
{
	int i;

	for (i = 0; i < 3; i++)
		loads[i] = (42 * FIXED_1) << shift;
}

static unsigned int new_nr_running(void)
{
	return 4242;
}

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_FUNC(loadavg_proc_show, new_loadavg_proc_show),
	LKHP_TEST_FUNC(get_avenrun, new_get_avenrun),
	LKHP_TEST_FUNC(nr_running, new_nr_running),
};

static struct lkhp_patch_reloc relocs[] = {
	LKHP_TEST_RELOC(get_avenrun, &p_get_avenrun, LKHP_R_386_32, 0),
	LKHP_TEST_RELOC(nr_running, &p_nr_running, LKHP_R_386_32, 0),
};

LKHP_TEST_PATCH("threefunc", 0, funcs, relocs, ARRAY_SIZE(relocs));
