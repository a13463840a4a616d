// SPDX-License-Identifier: GPL-2.0
/* A second patch on cmdline_proc_show, for stacking. */
#define CMDLINE_NAME "cmdline2"
#define CMDLINE_MARKER "lkhp-cmdline2-patched"
#include "cmdline.c"
