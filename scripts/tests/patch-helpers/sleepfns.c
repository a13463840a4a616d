// SPDX-License-Identifier: GPL-2.0
/*
 * sleepfns: what test-patches/sleepers changes, seen by one caller each of
 * do_wait and pipe_read. Prints "waitid ERRNO read RESULT": waitid(2) with
 * WNOHANG for a pid that cannot exist, and read(2) of 7777 bytes from a
 * pipe holding one.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

int main(void)
{
	static char buf[7777];
	siginfo_t info;
	int fd[2], werr = 0;
	ssize_t n;

	if (waitid(P_PID, 0x3ffffff0, &info, WEXITED | WNOHANG) < 0)
		werr = errno;
	if (pipe(fd) || write(fd[1], "x", 1) != 1) {
		perror("pipe");
		return 2;
	}
	n = read(fd[0], buf, sizeof(buf));
	printf("waitid %s read %s\n", werr ? strerror(werr) : "0",
	       n < 0 ? strerror(errno) : n == 1 ? "1" : "?");
	return 0;
}
