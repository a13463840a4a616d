// SPDX-License-Identifier: GPL-2.0
/*
 * Direct /dev/lkhp checks for the guest tests.
 *   probe errors ID     bad ids, sizes, versions and pointers are refused
 *   probe perm          as uid 1000: open fails (EACCES); with an fd opened
 *                       as root, ioctls fail once privileges are dropped
 *   probe removing ID   remove ID (it stays loaded), then enabling it is
 *                       refused with EINVAL and a reason
 *   probe cycle ID N    N disable+enable cycles; a switch refused with EBUSY
 *                       (a task was inside) is counted and tried again, at
 *                       most 100 times in a row; any other error stops, and
 *                       so do more refusals than switches (see cycle())
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <unistd.h>

#include "uapi/lkhp.h"

static int failures;

static void expect(const char *what, int ret, int want_errno)
{
	int got = ret < 0 ? errno : 0;

	printf("probe: %-40s -> %s (want %s)\n", what,
	       got ? strerror(got) : "ok", want_errno ? strerror(want_errno) : "ok");
	if (got != want_errno)
		failures++;
}

static int open_dev(void)
{
	int fd = open(LKHP_DEVICE, O_RDWR);

	if (fd < 0) {
		perror(LKHP_DEVICE);
		exit(2);
	}
	return fd;
}

static int errors(__u32 id)
{
	int fd = open_dev();
	struct lkhp_id_req req = { .version = LKHP_UAPI_VERSION, .id = 999999 };
	struct lkhp_get_info gi = { .version = LKHP_UAPI_VERSION, .id = 999999 };
	struct lkhp_get_all ga = { .version = LKHP_UAPI_VERSION, .count = 4 };
	struct lkhp_count cnt = { .version = LKHP_UAPI_VERSION };
	char big[512] = { 0 };
	void *ro;

	expect("enable bad id", ioctl(fd, LKHP_IOC_ENABLE, &req), ENOENT);
	expect("disable bad id", ioctl(fd, LKHP_IOC_DISABLE, &req), ENOENT);
	expect("remove bad id", ioctl(fd, LKHP_IOC_REMOVE, &req), ENOENT);
	expect("get info bad id", ioctl(fd, LKHP_IOC_GET_INFO, &gi), ENOENT);
	req.id = 0;
	expect("enable id 0", ioctl(fd, LKHP_IOC_ENABLE, &req), ENOENT);
	req.id = id;
	req.version = LKHP_UAPI_VERSION + 1;
	expect("enable with another ABI version", ioctl(fd, LKHP_IOC_ENABLE, &req), EINVAL);
	expect("enable with a bigger struct",
	       ioctl(fd, _IOW(LKHP_IOC_MAGIC, 3, char[512]), big), EINVAL);
	expect("get all with a smaller struct",
	       ioctl(fd, _IOWR(LKHP_IOC_MAGIC, 6, __u32), big), EINVAL);
	expect("unknown command", ioctl(fd, _IOW(LKHP_IOC_MAGIC, 42, __u32), big), ENOTTY);
	expect("other magic", ioctl(fd, _IOW('x', 3, struct lkhp_id_req), &req), ENOTTY);
	expect("enable NULL", ioctl(fd, LKHP_IOC_ENABLE, NULL), EFAULT);
	expect("enable kernel pointer", ioctl(fd, LKHP_IOC_ENABLE, (void *)0xc1000000UL), EFAULT);
	expect("count to NULL", ioctl(fd, LKHP_IOC_COUNT, NULL), EFAULT);
	ga.patches = 0xc1000000UL;
	expect("get all into kernel memory", ioctl(fd, LKHP_IOC_GET_ALL, &ga), EFAULT);
	ro = mmap(NULL, 4096, PROT_READ, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	ga.patches = (unsigned long)ro;
	expect("get all into read-only memory", ioctl(fd, LKHP_IOC_GET_ALL, &ga), EFAULT);
	gi.id = id;
	gi.nr_funcs = 8;
	gi.funcs = 16;
	expect("get info funcs to bad pointer", ioctl(fd, LKHP_IOC_GET_INFO, &gi), EFAULT);
	expect("count", ioctl(fd, LKHP_IOC_COUNT, &cnt), 0);
	printf("probe: count=%u\n", cnt.count);
	close(fd);
	return failures ? 1 : 0;
}

static int perm(void)
{
	struct lkhp_count cnt = { .version = LKHP_UAPI_VERSION };
	int fd = open_dev();

	if (setgid(1000) || setuid(1000)) {
		perror("setuid");
		return 2;
	}
	expect("open as uid 1000", open(LKHP_DEVICE, O_RDWR), EACCES);
	expect("count as uid 1000 on root's fd", ioctl(fd, LKHP_IOC_COUNT, &cnt), EPERM);
	return failures ? 1 : 0;
}

static int removing(__u32 id)
{
	struct lkhp_id_req req = { .version = LKHP_UAPI_VERSION, .id = id };
	int fd = open_dev();

	expect("remove", ioctl(fd, LKHP_IOC_REMOVE, &req), 0);
	expect("enable a removed patch", ioctl(fd, LKHP_IOC_ENABLE, &req), EINVAL);
	printf("probe: reason: %s\n", req.reason);
	if (!strstr(req.reason, "enable refused: the patch is being removed"))
		failures++;
	close(fd);
	return failures ? 1 : 0;
}

#define CYCLE_BUSY_TRIES 100

/* One switch, retried while EBUSY; counts the refusals in *busy. */
static int switch_once(int fd, unsigned long cmd, struct lkhp_id_req *req,
		       long *busy)
{
	int tries;

	for (tries = 0; tries < CYCLE_BUSY_TRIES; tries++) {
		if (!ioctl(fd, cmd, req))
			return 0;
		if (errno != EBUSY)
			return -1;
		(*busy)++;
	}
	return -1;
}

static int cycle(__u32 id, long n)
{
	struct lkhp_id_req req = { .version = LKHP_UAPI_VERSION, .id = id };
	int fd = open_dev();
	long i, busy = 0;

	for (i = 0; i < n; i++) {
		if (switch_once(fd, LKHP_IOC_DISABLE, &req, &busy) ||
		    switch_once(fd, LKHP_IOC_ENABLE, &req, &busy)) {
			printf("probe: cycle %ld: %s\n", i, strerror(errno));
			return 1;
		}
	}
	printf("probe: %ld cycles done, %ld refused as busy and tried again\n",
	       n, busy);
	/*
	 * A refusal here is ten stops in a row that found a task inside; the
	 * tests' readers are rarely inside (none in 10,000 soak cycles nor in
	 * the 2,000 of the stress): most attempts refused means a stack check
	 * that sees tasks where there are none, or a run that hardly switched.
	 */
	if (busy > 2 * n) {
		printf("probe: most switch attempts were refused as busy\n");
		return 1;
	}
	return 0;
}

int main(int argc, char **argv)
{
	if (argc == 3 && !strcmp(argv[1], "errors"))
		return errors(atoi(argv[2]));
	if (argc == 2 && !strcmp(argv[1], "perm"))
		return perm();
	if (argc == 3 && !strcmp(argv[1], "removing"))
		return removing(atoi(argv[2]));
	if (argc == 4 && !strcmp(argv[1], "cycle"))
		return cycle(atoi(argv[2]), atol(argv[3]));
	fprintf(stderr, "usage: probe errors ID | perm | removing ID | cycle ID N\n");
	return 2;
}
