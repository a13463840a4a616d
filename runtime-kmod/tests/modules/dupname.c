// SPDX-License-Identifier: GPL-2.0
/* Another module registering a patch named "cmdline": refused (-EEXIST). */
#define CMDLINE_NAME "cmdline"
#define CMDLINE_MARKER "lkhp-dupname-patched"
#include "cmdline.c"
