// SPDX-License-Identifier: GPL-2.0
/* Built for another kernel build: UTS_VERSION differs. */
#define CMDLINE_NAME "wrongver"
#define CMDLINE_MARKER "lkhp-wrongver-patched"
#define LKHP_TEST_VERSION_STRING "#1 SMP PREEMPT some other build"
#include "cmdline.c"
