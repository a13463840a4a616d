// SPDX-License-Identifier: GPL-2.0
/*
 * dents 64|32 DIR: list DIR's entry names, one a line, with getdents64(2)
 *                  or the old getdents(2) (i386 system call 141).
 * dents fault DIR: getdents64 into a user buffer that was mapped and then
 *                  unmapped; exit 0 only when the call fails with EFAULT.
 * Exit status 0 on success, 1 when a call failed, 2 on a usage error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

struct old_dirent {		/* struct linux_dirent of fs/readdir.c */
	unsigned long d_ino;
	unsigned long d_off;
	unsigned short d_reclen;
	char d_name[];
};

struct dirent64 {		/* struct linux_dirent64 */
	unsigned long long d_ino;
	long long d_off;
	unsigned short d_reclen;
	unsigned char d_type;
	char d_name[];
};

static int list(int fd, int bits)
{
	static char buf[8192];
	long n, off;

	for (;;) {
		n = syscall(bits == 64 ? SYS_getdents64 : 141, fd, buf, sizeof(buf));
		if (n < 0) {
			perror(bits == 64 ? "getdents64" : "getdents");
			return 1;
		}
		if (n == 0)
			return 0;
		for (off = 0; off < n;) {
			if (bits == 64) {
				struct dirent64 *d = (void *)(buf + off);

				puts(d->d_name);
				off += d->d_reclen;
			} else {
				struct old_dirent *d = (void *)(buf + off);

				puts(d->d_name);
				off += d->d_reclen;
			}
		}
	}
}

int main(int argc, char **argv)
{
	void *p;
	long n;
	int fd;

	if (argc != 3) {
		fprintf(stderr, "usage: dents 64|32|fault DIR\n");
		return 2;
	}
	fd = open(argv[2], O_RDONLY | O_DIRECTORY);
	if (fd < 0) {
		perror(argv[2]);
		return 2;
	}
	if (!strcmp(argv[1], "64"))
		return list(fd, 64);
	if (!strcmp(argv[1], "32"))
		return list(fd, 32);
	if (strcmp(argv[1], "fault"))
		return 2;
	p = mmap(NULL, 8192, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (p == MAP_FAILED || munmap(p, 8192)) {
		perror("mmap");
		return 2;
	}
	n = syscall(SYS_getdents64, fd, p, 8192);
	if (n < 0 && errno == EFAULT) {
		puts("getdents64 into an unmapped buffer: EFAULT");
		return 0;
	}
	printf("getdents64 into an unmapped buffer: %ld (%s), want EFAULT\n", n,
	       n < 0 ? strerror(errno) : "no error");
	return 1;
}
