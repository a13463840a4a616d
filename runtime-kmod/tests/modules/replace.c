// SPDX-License-Identifier: GPL-2.0
/* A cumulative patch on cmdline_proc_show: enabling it disables all others. */
#define CMDLINE_NAME "replace"
#define CMDLINE_MARKER "lkhp-replace-patched"
#define CMDLINE_FLAGS LKHP_PATCH_REPLACE
#include "cmdline.c"
