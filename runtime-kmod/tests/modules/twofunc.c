// SPDX-License-Identifier: GPL-2.0
/*
 * Two functions switched together: loadavg_proc_show (appends "lkhp2-A")
 * and the get_avenrun it calls (loads of exactly 42.00). A reader of
 * /proc/loadavg sees both effects or neither: loadavg_proc_show is on the
 * reader's stack while it calls get_avenrun, so the stack check keeps the
 * switch away from the middle of a read, and stop_machine switches both.
 * get_avenrun is not exported: the new loadavg_proc_show calls it through
 * a pointer that an LKHP R_386_32 relocation fills.
 *
 * With LOADAVG_NR_RUNNING (threefunc.c) nr_running is the third function
 * (4242 runnable, reached through a relocation too) and the marker lkhp3-A.
 */
#include <linux/sched/loadavg.h>
#include <linux/seq_file.h>
#include "lkhp_test.h"

#ifndef LOADAVG_NAME
#define LOADAVG_NAME "twofunc"
#define LOADAVG_MARKER "lkhp2-A"
#endif

static void (*p_get_avenrun)(unsigned long *loads, unsigned long offset,
			     int shift);
#ifdef LOADAVG_NR_RUNNING
static unsigned int (*p_nr_running)(void);

static unsigned int new_nr_running(void)
{
	return 4242;
}
#endif

static int new_loadavg_proc_show(struct seq_file *m, void *v)
{
	unsigned long avnrun[3];

	p_get_avenrun(avnrun, FIXED_1 / 200, 0);
	seq_printf(m, "%lu.%02lu %lu.%02lu %lu.%02lu ",
		   LOAD_INT(avnrun[0]), LOAD_FRAC(avnrun[0]),
		   LOAD_INT(avnrun[1]), LOAD_FRAC(avnrun[1]),
		   LOAD_INT(avnrun[2]), LOAD_FRAC(avnrun[2]));
#ifdef LOADAVG_NR_RUNNING
	seq_printf(m, "%u/0 ", p_nr_running());
#endif
	seq_puts(m, LOADAVG_MARKER "\n");
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
#ifdef LOADAVG_NR_RUNNING
	LKHP_TEST_FUNC(nr_running, new_nr_running),
#endif
};

static struct lkhp_patch_reloc relocs[] = {
	LKHP_TEST_RELOC(get_avenrun, &p_get_avenrun, LKHP_R_386_32, 0),
#ifdef LOADAVG_NR_RUNNING
	LKHP_TEST_RELOC(nr_running, &p_nr_running, LKHP_R_386_32, 0),
#endif
};

LKHP_TEST_PATCH(LOADAVG_NAME, 0, funcs, relocs, ARRAY_SIZE(relocs));
