/*
 * Which kernel a vmlinux is, as the running kernel will say it: the release
 * (uname -r) and version (uname -v) from its linux_banner,
 *   "Linux version RELEASE (BY@HOST) (COMPILER) VERSION\n",
 * and the link-time address of the KASLR anchor.  lkhp-build reads nothing
 * of vmlinux itself: it asks this.
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

#define BANNER_PREFIX "Linux version "

int vmlinux_identity(struct target *v, struct kident *id)
{
	const struct vsym *banner, *anchor;
	const unsigned char *bytes;
	const char *s, *rel_end, *ver = NULL, *p;
	size_t len;

	memset(id, 0, sizeof(*id));
	if (target_global(v, "linux_banner", false, &banner) != FOUND ||
	    !(bytes = target_bytes(v, banner->value, banner->size))) {
		ERROR(v->path, "no linux_banner: not a vmlinux?");
		return -1;
	}
	s = (const char *)bytes;
	len = strnlen(s, banner->size);
	if (len == banner->size || strncmp(s, BANNER_PREFIX, strlen(BANNER_PREFIX))) {
		ERROR(v->path, "linux_banner is not a 'Linux version' string");
		return -1;
	}
	s += strlen(BANNER_PREFIX);
	/* the version follows the compiler's closing parenthesis: ") #1 SMP ..." */
	for (p = s; (p = strstr(p, ") #")); p++)
		ver = p + 2;
	rel_end = strchr(s, ' ');
	if (!rel_end || !ver || (size_t)(rel_end - s) >= sizeof(id->release)) {
		ERROR(v->path, "linux_banner has no release and version: %.*s", (int)len, s);
		return -1;
	}
	memcpy(id->release, s, (size_t)(rel_end - s));
	len = strcspn(ver, "\n");
	if (len >= sizeof(id->version)) {
		ERROR(v->path, "linux_banner's version is longer than uname's");
		return -1;
	}
	memcpy(id->version, ver, len);
	if (target_global(v, LKHP_ANCHOR_SYMBOL, true, &anchor) != FOUND) {
		ERROR(v->path, "no anchor symbol " LKHP_ANCHOR_SYMBOL);
		return -1;
	}
	id->anchor = anchor->value;
	if (target_global(v, LKHP_DATA_ANCHOR_SYMBOL, false, &anchor) != FOUND) {
		ERROR(v->path, "no data anchor symbol " LKHP_DATA_ANCHOR_SYMBOL);
		return -1;
	}
	id->data_anchor = anchor->value;
	return 0;
}
