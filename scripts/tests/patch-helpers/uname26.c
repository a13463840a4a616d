// SPDX-License-Identifier: GPL-2.0
/*
 * uname26: uname(2) under the UNAME26 personality, whose release the
 * kernel's override_release() rewrites as 2.6.(60 + minor): prints
 * "NODENAME RELEASE". Exit 0 on success, 2 on a system error.
 */
#include <stdio.h>
#include <sys/personality.h>
#include <sys/utsname.h>

int main(void)
{
	struct utsname u;

	if (personality(PER_LINUX | UNAME26) == -1) {
		perror("personality");
		return 2;
	}
	if (uname(&u) != 0) {
		perror("uname");
		return 2;
	}
	printf("%s %s\n", u.nodename, u.release);
	return 0;
}
