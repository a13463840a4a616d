// SPDX-License-Identifier: GPL-2.0
/* Benchmark patch with 10 functions. */
#define BENCH_N 10
#include "bench.c"
