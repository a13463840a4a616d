// SPDX-License-Identifier: GPL-2.0
/*
 * For test-patches/getpgid-load.patch, whose getpgid(2) returns the process
 * group + 1000000 to a process named getpgid-load (this program's name).
 * The program first makes itself a process group leader, so that its
 * process group is its pid, read from /proc/self (not from a system call
 * the patch could change).
 *
 * getpgid-load once: exit 0 when getpgid(0) returns the patched value, 1
 *                    when it returns the process group, 2 otherwise.
 * getpgid-load loop STOPFILE: call getpgid(0) in a tight loop until STOPFILE
 *                    exists; exit 0 when every result was the process group
 *                    or the patched value and both were seen.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

#define PATCHED_OFFSET 1000000

int main(int argc, char **argv)
{
	unsigned long long orig = 0, patched = 0, bad = 0;
	char link[32] = "";
	long pid, r;
	int i;

	if (readlink("/proc/self", link, sizeof(link) - 1) <= 0) {
		perror("/proc/self");
		return 2;
	}
	pid = atol(link);
	if (setpgid(0, 0) != 0) {
		perror("setpgid");
		return 2;
	}
	if (argc == 2 && !strcmp(argv[1], "once")) {
		r = syscall(SYS_getpgid, 0);
		printf("process group %ld, getpgid() %ld\n", pid, r);
		return r == pid + PATCHED_OFFSET ? 0 : r == pid ? 1 : 2;
	}
	if (argc != 3 || strcmp(argv[1], "loop")) {
		fprintf(stderr, "usage: getpgid-load once | loop STOPFILE\n");
		return 2;
	}
	while (access(argv[2], F_OK) != 0) {
		for (i = 0; i < 10000; i++) {
			r = syscall(SYS_getpgid, 0);
			if (r == pid)
				orig++;
			else if (r == pid + PATCHED_OFFSET)
				patched++;
			else
				bad++;
		}
	}
	printf("getpgid-load %ld: %llu original, %llu patched, %llu wrong results\n",
	       pid, orig, patched, bad);
	return bad == 0 && orig > 0 && patched > 0 ? 0 : 1;
}
