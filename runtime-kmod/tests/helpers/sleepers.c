// SPDX-License-Identifier: GPL-2.0
/*
 * sleepers N: start N threads that sleep until the process is killed, print
 * "sleepers: N" once all are up, then sleep too. Exit 2 when a thread
 * cannot be created (the count asked for is never silently cut).
 */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

static void *sleeper(void *arg)
{
	(void)arg;
	for (;;)
		pause();
	return NULL;
}

int main(int argc, char **argv)
{
	pthread_attr_t attr;
	pthread_t t;
	long i, n;
	int err;

	if (argc != 2 || (n = atol(argv[1])) < 0) {
		fprintf(stderr, "usage: sleepers N\n");
		return 2;
	}
	pthread_attr_init(&attr);
	pthread_attr_setstacksize(&attr, 64 * 1024);
	for (i = 0; i < n; i++) {
		err = pthread_create(&t, &attr, sleeper, NULL);
		if (err) {
			fprintf(stderr, "sleepers: thread %ld: %s\n", i, strerror(err));
			return 2;
		}
	}
	printf("sleepers: %ld\n", n);
	fflush(stdout);
	for (;;)
		pause();
}
