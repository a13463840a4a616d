// SPDX-License-Identifier: GPL-2.0
/*
 * farjmp [ITERATIONS]: the native cost of the redirect instruction, in a
 * 32-bit process: `ljmp $cs, $next` (ea imm32 imm16, what lkhp writes; user
 * mode uses the user code segment it runs in) against a near `jmp next`.
 * Prints ns per instruction for both, best of 5 runs.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define UNROLL 16

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

#define REP16(x) x x x x x x x x x x x x x x x x

/*
 * A function timing UNROLL copies of @insn per iteration, in ns each. A
 * direct far jump needs the selector as an immediate: the 32-bit user code
 * segment of an x86_64 kernel is 0x23, which main() checks first.
 */
#define TIMED_LOOP(fn, insn)						\
static double fn(long n)						\
{									\
	double t = now();						\
	long i;								\
									\
	for (i = 0; i < n; i++)						\
		asm volatile(REP16(insn) ::: "memory");			\
	return (now() - t) / (n * UNROLL);				\
}

TIMED_LOOP(near_loop, "jmp 1f\n1:\n")
TIMED_LOOP(far_loop, "ljmp $0x23, $1f\n1:\n")

int main(int argc, char **argv)
{
	long n = argc > 1 ? atol(argv[1]) : 2000000;
	double best_near = 1e9, best_far = 1e9, v;
	unsigned short cs;
	int r;

	asm("mov %%cs, %0" : "=r"(cs));
	if (cs != 0x23) {
		fprintf(stderr, "farjmp: user %%cs is %#x, not 0x23\n", cs);
		return 2;
	}
	for (r = 0; r < 5; r++) {
		v = near_loop(n);
		best_near = v < best_near ? v : best_near;
		v = far_loop(n / 10);
		best_far = v < best_far ? v : best_far;
	}
	printf("farjmp: near jmp %.2f ns, ljmp $cs %.2f ns (%.1fx), %%cs=%#x\n",
	       best_near, best_far, best_far / best_near, cs);
	return 0;
}
