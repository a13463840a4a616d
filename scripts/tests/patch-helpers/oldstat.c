// SPDX-License-Identifier: GPL-2.0
/*
 * oldstat PATH: call the i386 old stat(2) (system call 18, sys_stat, whose
 * cp_old_stat() logs "using old stat() call" while its warncount lasts).
 * Exit status 0 when the call succeeded.
 */
#include <stdio.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	char buf[256];	/* struct __old_kernel_stat is 32 bytes */

	if (argc != 2) {
		fprintf(stderr, "usage: oldstat PATH\n");
		return 2;
	}
	if (syscall(18, argv[1], buf) != 0) {
		perror("old stat");
		return 1;
	}
	return 0;
}
