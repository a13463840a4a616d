// SPDX-License-Identifier: GPL-2.0
/* Benchmark patch with 1 functions. */
#define BENCH_N 1
#include "bench.c"
