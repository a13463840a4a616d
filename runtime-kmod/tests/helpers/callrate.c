// SPDX-License-Identifier: GPL-2.0
/*
 * callrate NR SECONDS: call system call NR (no arguments) in a loop for
 * SECONDS and print "callrate: N calls/s". The redirect benchmark uses a
 * syscall whose entry point a patch redirects.
 */
#include <stdio.h>
#include <stdlib.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec + ts.tv_nsec / 1e9;
}

int main(int argc, char **argv)
{
	long nr, calls = 0, i;
	double start, t;

	if (argc != 3) {
		fprintf(stderr, "usage: callrate NR SECONDS\n");
		return 2;
	}
	nr = atol(argv[1]);
	start = now();
	do {
		for (i = 0; i < 1000; i++)
			syscall(nr, 0, 0, 0);
		calls += 1000;
		t = now() - start;
	} while (t < atof(argv[2]));
	printf("callrate: %.0f calls/s\n", calls / t);
	return 0;
}
