// SPDX-License-Identifier: GPL-2.0
/*
 * readcheck FILE SECONDS oneof ANSWER...
 * readcheck FILE SECONDS pair MARKER_A MARKER_B
 *
 * Reads FILE in a loop for SECONDS (or until /tmp/readcheck.stop exists) and
 * checks every answer: `oneof` wants it (trailing newline dropped) to equal
 * one of the ANSWERs; `pair` wants both markers in it or neither. Prints
 * "readcheck: reads=N wrong=W class0=.. class1=.." and exits 1 on any wrong
 * answer. With `oneof`, classN counts answers equal to ANSWER N; with
 * `pair`, class0 counts "neither" and class1 "both".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_CLASSES 8

static int classify(const char *buf, int pair, int n, char **want)
{
	int i;

	if (pair) {
		int a = !!strstr(buf, want[0]), b = !!strstr(buf, want[1]);

		return a == b ? a : -1;
	}
	for (i = 0; i < n; i++)
		if (!strcmp(buf, want[i]))
			return i;
	return -1;
}

int main(int argc, char **argv)
{
	unsigned long counts[MAX_CLASSES] = { 0 }, reads = 0, wrong = 0;
	char buf[4096];
	int pair, n, i, c, fd;
	ssize_t len;
	time_t end;

	if (argc < 5 || argc - 4 > MAX_CLASSES) {
		fprintf(stderr, "usage: readcheck FILE SECONDS oneof|pair ARG...\n");
		return 2;
	}
	pair = !strcmp(argv[3], "pair");
	n = argc - 4;
	if (pair && n != 2)
		return 2;
	end = time(NULL) + atoi(argv[2]);
	while (time(NULL) < end && access("/tmp/readcheck.stop", F_OK)) {
		fd = open(argv[1], O_RDONLY);
		if (fd < 0) {
			perror(argv[1]);
			return 2;
		}
		len = read(fd, buf, sizeof(buf) - 1);
		close(fd);
		if (len < 0) {
			perror("read");
			return 2;
		}
		buf[len] = '\0';
		if (len && buf[len - 1] == '\n')
			buf[len - 1] = '\0';
		c = classify(buf, pair, n, argv + 4);
		reads++;
		if (c < 0) {
			if (wrong++ < 5)
				fprintf(stderr, "readcheck: wrong answer: '%s'\n", buf);
		} else {
			counts[c]++;
		}
	}
	printf("readcheck: reads=%lu wrong=%lu", reads, wrong);
	for (i = 0; i < (pair ? 2 : n); i++)
		printf(" class%d=%lu", i, counts[i]);
	putchar('\n');
	return wrong ? 1 : 0;
}
