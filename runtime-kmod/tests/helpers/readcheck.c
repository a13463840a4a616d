// SPDX-License-Identifier: GPL-2.0
/*
 * readcheck FILE SECONDS oneof ANSWER...
 * readcheck FILE SECONDS all MARKER...
 *
 * Reads FILE in a loop for SECONDS (or until /tmp/readcheck.stop exists) and
 * checks every answer: `oneof` wants it (trailing newline dropped) to equal
 * one of the ANSWERs; `all` wants every MARKER in it or none. Prints
 * "readcheck: reads=N wrong=W class0=.. class1=.." and exits 1 on any wrong
 * answer. With `oneof`, classN counts answers equal to ANSWER N; with
 * `all`, class0 counts "none" and class1 "every marker".
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#define MAX_CLASSES 8

static int classify(const char *buf, int all, int n, char **want)
{
	int i, found = 0;

	if (all) {
		for (i = 0; i < n; i++)
			found += !!strstr(buf, want[i]);
		return found == 0 ? 0 : found == n ? 1 : -1;
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
	int all, n, i, c, fd;
	ssize_t len;
	time_t end;

	if (argc < 5 || argc - 4 > MAX_CLASSES) {
		fprintf(stderr, "usage: readcheck FILE SECONDS oneof|all ARG...\n");
		return 2;
	}
	all = !strcmp(argv[3], "all");
	n = argc - 4;
	if (!all && strcmp(argv[3], "oneof"))
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
		c = classify(buf, all, n, argv + 4);
		reads++;
		if (c < 0) {
			if (wrong++ < 5)
				fprintf(stderr, "readcheck: wrong answer: '%s'\n", buf);
		} else {
			counts[c]++;
		}
	}
	printf("readcheck: reads=%lu wrong=%lu", reads, wrong);
	for (i = 0; i < (all ? 2 : n); i++)
		printf(" class%d=%lu", i, counts[i]);
	putchar('\n');
	return wrong ? 1 : 0;
}
