// SPDX-License-Identifier: GPL-2.0
/*
 * rawihl: send one IPv4 packet whose header claims 16 bytes (ihl 4, less
 * than an IPv4 header) through an IP_HDRINCL raw socket to 127.0.0.1.
 * Exit 0 when the kernel refuses it with EINVAL (fixed), 1 when it sends it
 * (the bug), 2 on anything else.  Needs root and lo up.
 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/ip.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

int main(void)
{
	struct sockaddr_in to = { .sin_family = AF_INET };
	unsigned char pkt[40] = { 0 };
	struct iphdr *ip = (struct iphdr *)pkt;
	ssize_t n;
	int s;

	s = socket(AF_INET, SOCK_RAW, IPPROTO_RAW);	/* IP_HDRINCL implied */
	if (s < 0) {
		perror("rawihl: socket");
		return 2;
	}
	to.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	ip->version = 4;
	ip->ihl = 4;
	ip->ttl = 64;
	ip->protocol = IPPROTO_UDP;
	ip->daddr = to.sin_addr.s_addr;
	n = sendto(s, pkt, sizeof(pkt), 0, (struct sockaddr *)&to, sizeof(to));
	if (n == (ssize_t)sizeof(pkt)) {
		printf("rawihl: a packet with ihl 4 was sent\n");
		return 1;
	}
	if (n < 0 && errno == EINVAL) {
		printf("rawihl: refused (EINVAL)\n");
		return 0;
	}
	printf("rawihl: sendto returned %zd: %s\n", n, n < 0 ? strerror(errno) : "short");
	return 2;
}
