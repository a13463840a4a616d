// SPDX-License-Identifier: GPL-2.0
/*
 * Benchmark patch: BENCH_N rarely used syscall entry points (the list comes
 * from vmlinux-syms) redirected to one function refusing the call.
 */
#include <linux/ptrace.h>
#include "lkhp_test.h"

#ifndef BENCH_N
#define BENCH_N 1
#endif
#define BENCH_STR_(n) #n
#define BENCH_STR(n) BENCH_STR_(n)

static long bench_nosys(const struct pt_regs *regs)
{
	return -EPERM;
}

#define BENCH_FUNC(sym, addr, size) {			\
	.old_name = sym, .old_addr = addr, .old_size = size,	\
	.site_offset = LKHP_SITE_FENTRY, .new_func = bench_nosys },

static struct lkhp_patch_func funcs[] = {
	LKHP_TEST_SYSCALLS(BENCH_FUNC)
};

static_assert(ARRAY_SIZE(funcs) >= BENCH_N);
LKHP_TEST_PATCH_N("bench" BENCH_STR(BENCH_N), 0, funcs, BENCH_N, NULL, 0);
