// SPDX-License-Identifier: GPL-2.0
/*
 * interleave SECONDS: how finely two CPUs interleave. A thread pinned to
 * each of CPU 0 and 1 counts up its own word and watches the other's; a
 * change seen between two of its own steps is one switch of the other CPU's
 * progress into view. Prints "interleave: N switches/s seen by CPU 0, M by
 * CPU 1" (real parallel CPUs see millions, a round-robin emulator one per
 * time slice). Exit 2 on a system error.
 */
#define _GNU_SOURCE
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static volatile unsigned long counter[2];
static volatile int stop;
static unsigned long seen[2];

static void *run(void *arg)
{
	long me = (long)arg;
	unsigned long last = counter[!me], now;
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(me, &set);
	if (sched_setaffinity(0, sizeof(set), &set))
		exit(2);
	while (!stop) {
		counter[me]++;
		now = counter[!me];
		if (now != last)
			seen[me]++;
		last = now;
	}
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_t t[2];
	long i, secs = argc == 2 ? atol(argv[1]) : 0;

	if (secs <= 0) {
		fprintf(stderr, "usage: interleave SECONDS\n");
		return 2;
	}
	for (i = 0; i < 2; i++)
		if (pthread_create(&t[i], NULL, run, (void *)i))
			return 2;
	sleep(secs);
	stop = 1;
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	printf("interleave: %lu switches/s seen by CPU 0, %lu by CPU 1\n",
	       seen[0] / secs, seen[1] / secs);
	return 0;
}
