// SPDX-License-Identifier: GPL-2.0
/*
 * Three functions switched together (the soak and fault benchmarks' patch):
 * loadavg_proc_show (appends "lkhp3-A"), get_avenrun (loads of 42.00) and
 * nr_running (4242 runnable). A reader sees all three effects or none.
 */
#define LOADAVG_NAME "threefunc"
#define LOADAVG_MARKER "lkhp3-A"
#define LOADAVG_NR_RUNNING
#include "twofunc.c"
