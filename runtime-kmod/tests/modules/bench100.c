// SPDX-License-Identifier: GPL-2.0
/* Benchmark patch with 100 functions. */
#define BENCH_N 100
#include "bench.c"
