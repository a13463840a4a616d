// SPDX-License-Identifier: GPL-2.0
/*
 * sleepfns: what test-patches/sleepers changes, seen by one call each that
 * nothing else makes: prints "NAME=RESULT ..." for a WNOHANG waitid(2) for
 * a pid that cannot exist (do_wait), reads of exactly 7777 bytes from a
 * pipe and a unix stream socket that hold a little (pipe_read,
 * unix_stream_read_generic), a read of a canonical terminal whose VMIN is
 * 77 (n_tty_read: the tty layer reads in chunks), an epoll_wait(2) for 7777 events
 * with one ready (ep_poll), and a poll(2) of 7 and a select(2) of 29
 * descriptors that wait for nothing (do_sys_poll, do_select). RESULT is the
 * call's return value, or its errno's name (EDOM: the patched function).
 *
 * sleepfns block DIR: tasks asleep in those functions and three more
 * (futex_wait_queue, inet_csk_accept; do_select and do_sys_poll waiting),
 * one child each, "NAME PID" lines in DIR/pids, then DIR/ready. Once DIR/go
 * appears, each is given what it waits for; each prints "NAME: RESULT
 * eintr=N" (N: the EINTR failures it retried) and the exit status is 0
 * when every one got exactly what it was given.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/ioctl.h>
#include <sys/mount.h>
#include <sys/select.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/mman.h>
#include <sys/wait.h>
#include <termios.h>
#include <net/if.h>
#include <netinet/in.h>
#include <arpa/inet.h>
#include <linux/futex.h>
#include <unistd.h>

#define MAGIC_LEN 7777

static char buf[MAGIC_LEN];
static struct epoll_event events[MAGIC_LEN];

static void show(const char *name, long ret)
{
	if (ret < 0)
		printf("%s=%s ", name, errno == EDOM ? "EDOM" : strerror(errno));
	else
		printf("%s=%ld ", name, ret);
}

static void die(const char *what)
{
	perror(what);
	exit(2);
}

/* A new pty: its slave, and its master in *@master. */
static int terminal_pair(int *master)
{
	int s;

	mkdir("/dev/pts", 0755);
	mount("devpts", "/dev/pts", "devpts", 0, "ptmxmode=666");	/* or is */
	*master = open("/dev/ptmx", O_RDWR | O_NOCTTY);
	if (*master < 0 || unlockpt(*master))
		die("ptmx");
	s = ioctl(*master, TIOCGPTPEER, O_RDWR | O_NOCTTY);
	if (s < 0)
		die("pty");
	return s;
}

/* A canonical terminal with VMIN 77 whose input holds "x\n". */
static int terminal(void)
{
	int m, s = terminal_pair(&m);
	struct termios t;

	if (tcgetattr(s, &t))
		die("tcgetattr");
	t.c_cc[VMIN] = 77;
	if (tcsetattr(s, TCSANOW, &t) || write(m, "x\n", 2) != 2)
		die("pty");
	usleep(100000);		/* the line discipline has it */
	return s;
}

/*
 * A child that makes @call until it fails with another error than EINTR,
 * and reports on @out whether its result @ok; its pid to the pids file.
 */
#define BLOCKER(name, out, call, ok)					\
	do {								\
		pid_t pid = fork();					\
		long ret;						\
		int eintr = 0;						\
									\
		if (pid < 0)						\
			die("fork");					\
		if (pid == 0) {						\
			while ((ret = (call)) < 0 && errno == EINTR)	\
				eintr++;				\
			dprintf(out, "%s: %s ret=%ld eintr=%d\n", name,	\
				(ok) ? "ok" : "WRONG", ret, eintr);	\
			_exit(0);					\
		}							\
		fprintf(pids, "%s %d\n", name, pid);			\
	} while (0)

static long futex_wait_set(int *word)
{
	while (!__atomic_load_n(word, __ATOMIC_SEQ_CST)) {
		if (syscall(SYS_futex, word, FUTEX_WAIT, 0, NULL, NULL, 0) < 0 &&
		    errno != EAGAIN)
			return -1;
	}
	return 0;
}

static int block(const char *dir)
{
	char path[256], line[256];
	int a[2], b[2], c[2], u[2], res[2], ep, lis, tty, m, s, n = 0, bad = 0;
	struct sockaddr_in sin = { .sin_family = AF_INET };
	socklen_t len = sizeof(sin);
	struct ifreq ifr = { .ifr_name = "lo" };
	struct epoll_event ev = { .events = EPOLLIN }, evs[8];
	int *word;
	fd_set set;
	FILE *pids, *out;

	if (pipe(a) || pipe(b) || pipe(c) || pipe(res) ||
	    socketpair(AF_UNIX, SOCK_STREAM, 0, u))
		die("pipes");
	ep = epoll_create1(0);
	if (ep < 0 || epoll_ctl(ep, EPOLL_CTL_ADD, a[0], &ev))
		die("epoll");
	word = mmap(NULL, 4096, PROT_READ | PROT_WRITE, MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (word == MAP_FAILED)
		die("mmap");
	/* accept(2) on 127.0.0.1: lo up */
	lis = socket(AF_INET, SOCK_STREAM, 0);
	if (lis < 0 || ioctl(lis, SIOCGIFFLAGS, &ifr))
		die("lo");
	ifr.ifr_flags |= IFF_UP;
	sin.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	if (ioctl(lis, SIOCSIFFLAGS, &ifr) || bind(lis, (struct sockaddr *)&sin, sizeof(sin)) ||
	    listen(lis, 1) || getsockname(lis, (struct sockaddr *)&sin, &len))
		die("listen");
	tty = terminal_pair(&m);
	snprintf(path, sizeof(path), "%s/pids", dir);
	pids = fopen(path, "w");
	if (!pids)
		die(path);
	setvbuf(pids, NULL, _IONBF, 0);
	BLOCKER("tty", res[1], read(tty, line, sizeof(line)), ret == 6 && !memcmp(line, "hello\n", 6));
	BLOCKER("epoll", res[1], epoll_wait(ep, evs, 8, -1), ret == 1);
	BLOCKER("poll", res[1], poll(&(struct pollfd){ .fd = b[0], .events = POLLIN }, 1, -1), ret == 1);
	FD_ZERO(&set);
	FD_SET(c[0], &set);
	BLOCKER("select", res[1], select(c[0] + 1, &set, NULL, NULL, NULL), ret == 1 && FD_ISSET(c[0], &set));
	BLOCKER("futex", res[1], futex_wait_set(word), ret == 0);
	BLOCKER("unix", res[1], recv(u[0], line, sizeof(line), 0), ret == 5 && !memcmp(line, "hello", 5));
	BLOCKER("accept", res[1], accept(lis, NULL, NULL), ret >= 0);
	fclose(pids);
	close(res[1]);
	sleep(1);
	snprintf(path, sizeof(path), "%s/ready", dir);
	close(open(path, O_CREAT | O_WRONLY, 0644));
	snprintf(path, sizeof(path), "%s/go", dir);
	while (access(path, F_OK))
		usleep(100000);
	if (write(m, "hello\n", 6) != 6 || write(a[1], "x", 1) != 1 ||
	    write(b[1], "x", 1) != 1 || write(c[1], "x", 1) != 1 ||
	    write(u[1], "hello", 5) != 5)
		die("give");
	__atomic_store_n(word, 1, __ATOMIC_SEQ_CST);
	syscall(SYS_futex, word, FUTEX_WAKE, 1, NULL, NULL, 0);
	s = socket(AF_INET, SOCK_STREAM, 0);
	if (s < 0 || connect(s, (struct sockaddr *)&sin, sizeof(sin)))
		die("connect");
	out = fdopen(res[0], "r");
	while (out && fgets(line, sizeof(line), out)) {
		fputs(line, stdout);
		bad += !strstr(line, ": ok ");
		n++;
	}
	while (wait(NULL) > 0)
		;
	return bad || n != 7;
}

int main(int argc, char **argv)
{
	struct pollfd pfd[7];
	siginfo_t info;
	int p[2], u[2], ep, i;
	struct epoll_event ev = { .events = EPOLLIN };

	if (argc == 3 && !strcmp(argv[1], "block"))
		return block(argv[2]);
	show("waitid", waitid(P_PID, 0x3ffffff0, &info, WEXITED | WNOHANG));
	if (pipe(p) || write(p[1], "x", 1) != 1)
		die("pipe");
	show("pipe", read(p[0], buf, MAGIC_LEN));
	show("tty", read(terminal(), buf, MAGIC_LEN));
	if (socketpair(AF_UNIX, SOCK_STREAM, 0, u) || write(u[1], "x", 1) != 1)
		die("socketpair");
	show("unix", recv(u[0], buf, MAGIC_LEN, 0));
	ep = epoll_create1(0);
	if (ep < 0 || write(p[1], "x", 1) != 1 || epoll_ctl(ep, EPOLL_CTL_ADD, p[0], &ev))
		die("epoll");
	show("epoll", epoll_wait(ep, events, MAGIC_LEN, 0));
	for (i = 0; i < 7; i++)
		pfd[i].fd = -1;
	show("poll", poll(pfd, 7, 0));
	show("select", select(29, NULL, NULL, NULL, &(struct timeval){ 0, 0 }));
	printf("\n");
	return 0;
}
