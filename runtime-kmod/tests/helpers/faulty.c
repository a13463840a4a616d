// SPDX-License-Identifier: GPL-2.0
/*
 * One LKHP system call with fault injection on for it alone (the guest's
 * failslab and fail_page_alloc use task-filter: /proc/self/make-it-fail):
 *   faulty install FILE.ko               finit_module
 *   faulty enable|disable|remove ID      the /dev/lkhp ioctl
 *   faulty rmmod MODULE                  delete_module
 * Exit 0 when the call succeeded, 1 when it failed (its errno printed),
 * 2 when the call could not even be made.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <unistd.h>

#include "uapi/lkhp.h"

static int set_fail(const char *v)
{
	int fd = open("/proc/self/make-it-fail", O_WRONLY);
	int ok = fd >= 0 && write(fd, v, 1) == 1;

	if (fd >= 0)
		close(fd);
	return ok ? 0 : -1;
}

static unsigned long ioctl_cmd(const char *op)
{
	if (!strcmp(op, "enable"))
		return LKHP_IOC_ENABLE;
	if (!strcmp(op, "disable"))
		return LKHP_IOC_DISABLE;
	if (!strcmp(op, "remove"))
		return LKHP_IOC_REMOVE;
	return 0;
}

int main(int argc, char **argv)
{
	struct lkhp_id_req req = { .version = LKHP_UAPI_VERSION };
	unsigned long cmd;
	int fd = -1, ret, err;

	if (argc != 3) {
		fprintf(stderr, "usage: faulty install FILE | enable|disable|remove ID | rmmod MODULE\n");
		return 2;
	}
	cmd = ioctl_cmd(argv[1]);
	if (!strcmp(argv[1], "install") || cmd) {
		fd = open(cmd ? "/dev/lkhp" : argv[2], O_RDONLY | O_CLOEXEC);
		if (fd < 0) {
			perror(cmd ? "/dev/lkhp" : argv[2]);
			return 2;
		}
		req.id = cmd ? strtoul(argv[2], NULL, 10) : 0;
	} else if (strcmp(argv[1], "rmmod")) {
		fprintf(stderr, "faulty: unknown operation %s\n", argv[1]);
		return 2;
	}
	if (set_fail("1")) {
		perror("make-it-fail");
		return 2;
	}
	if (cmd)
		ret = ioctl(fd, cmd, &req);
	else if (fd >= 0)
		ret = syscall(SYS_finit_module, fd, "", 0);
	else
		ret = syscall(SYS_delete_module, argv[2], O_NONBLOCK);
	err = errno;
	set_fail("0");
	if (ret) {
		printf("faulty: %s %s: %s\n", argv[1], argv[2], strerror(err));
		return 1;
	}
	return 0;
}
