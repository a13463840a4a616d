// SPDX-License-Identifier: GPL-2.0
/* Built for another kernel: the link-time address points 16 bytes off. */
#define CMDLINE_NAME "wrongaddr"
#define CMDLINE_MARKER "lkhp-wrongaddr-patched"
#define LKHP_TEST_ADDR_SKEW 16
#include "cmdline.c"
