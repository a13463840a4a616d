// SPDX-License-Identifier: GPL-2.0
/*
 * rcvmark: send one UDP datagram to 127.0.0.1 and receive it on a UDP
 * socket (udp_recvmsg, vmlinux) and on a packet socket bound to lo
 * (packet_recvmsg, af_packet), both with only SO_RCVMARK set; say which of
 * them got an SO_MARK control message. Exit 0 when neither did (patched),
 * 1 when both did (original), 2 on anything else (one without the other,
 * no af_packet, a receive that timed out).  Needs root, lo up, af_packet.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <linux/if_ether.h>
#include <linux/if_packet.h>
#include <net/if.h>
#include <netinet/in.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#ifndef SO_RCVMARK
#define SO_RCVMARK 75
#endif

/* Only SO_RCVMARK asks for control messages; the receive blocks (the
 * datagram passes lo's backlog first) but gives up after 10 s. */
static int options(int s, const char *what)
{
	struct timeval tv = { .tv_sec = 10 };
	int one = 1;

	if (setsockopt(s, SOL_SOCKET, SO_RCVMARK, &one, sizeof(one)) ||
	    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv))) {
		fprintf(stderr, "rcvmark: %s: setsockopt: %s\n", what, strerror(errno));
		return -1;
	}
	return 0;
}

/* 1 when the datagram came with an SO_MARK message, 0 without, -1 on error */
static int marked(int s, const char *what)
{
	union {
		char buf[CMSG_SPACE(64)];
		struct cmsghdr align;
	} ctl;
	char data[2048];
	struct iovec iov = { .iov_base = data, .iov_len = sizeof(data) };
	struct msghdr msg = {
		.msg_iov = &iov, .msg_iovlen = 1,
		.msg_control = ctl.buf, .msg_controllen = sizeof(ctl.buf),
	};
	struct cmsghdr *c;

	if (recvmsg(s, &msg, 0) < 0) {
		fprintf(stderr, "rcvmark: %s: recvmsg: %s\n", what, strerror(errno));
		return -1;
	}
	for (c = CMSG_FIRSTHDR(&msg); c; c = CMSG_NXTHDR(&msg, c))
		if (c->cmsg_level == SOL_SOCKET && c->cmsg_type == SO_MARK)
			return 1;
	return 0;
}

int main(void)
{
	struct sockaddr_in self = { .sin_family = AF_INET };
	struct sockaddr_ll ll = {
		.sll_family = AF_PACKET,
		.sll_protocol = htons(ETH_P_IP),
	};
	socklen_t len = sizeof(self);
	int u, p, mu, mp;

	self.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ll.sll_ifindex = if_nametoindex("lo");
	u = socket(AF_INET, SOCK_DGRAM, 0);
	/* protocol 0: no packet reaches it before it is bound to lo */
	p = socket(AF_PACKET, SOCK_DGRAM, 0);
	if (u < 0 || p < 0) {
		perror("rcvmark: socket (af_packet not loaded?)");
		return 2;
	}
	if (!ll.sll_ifindex || bind(p, (struct sockaddr *)&ll, sizeof(ll)) ||
	    bind(u, (struct sockaddr *)&self, sizeof(self)) ||
	    getsockname(u, (struct sockaddr *)&self, &len)) {
		perror("rcvmark: bind");
		return 2;
	}
	if (options(u, "udp") || options(p, "packet"))
		return 2;
	if (sendto(u, "lkhp", 4, 0, (struct sockaddr *)&self, sizeof(self)) != 4) {
		perror("rcvmark: sendto");
		return 2;
	}
	mu = marked(u, "udp");
	mp = marked(p, "packet");
	if (mu < 0 || mp < 0)
		return 2;
	printf("rcvmark: udp (vmlinux): %s, packet (af_packet): %s\n",
	       mu ? "SO_MARK" : "no SO_MARK", mp ? "SO_MARK" : "no SO_MARK");
	if (mu == mp)
		return mu;
	printf("rcvmark: undecided: one part patched without the other\n");
	return 2;
}
