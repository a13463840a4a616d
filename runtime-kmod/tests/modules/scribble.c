// SPDX-License-Identifier: GPL-2.0
/*
 * Test helper, independent of lkhp.ko: write bytes into kernel text behind
 * lkhp's back, through a temporary alias of the text page(s).
 *   insmod scribble.ko addr=HEX bytes="xx xx ..."   (at most 16 bytes)
 * The module does its write in init and then fails to load (-ECANCELED),
 * so that it can be used again.
 */
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/vmalloc.h>

#define SCRIBBLE_MAX 16

static char *addr = "";
module_param(addr, charp, 0444);
static char *bytes = "";
module_param(bytes, charp, 0444);

static int __init scribble_init(void)
{
	unsigned long a;
	u8 buf[SCRIBBLE_MAX];
	struct page *pages[2];
	unsigned int n = 0, v;
	const char *p = bytes;
	void *map;
	int used;

	if (kstrtoul(addr, 16, &a))
		return -EINVAL;
	while (n < SCRIBBLE_MAX && sscanf(p, "%x%n", &v, &used) == 1) {
		buf[n++] = v;
		p += used;
	}
	if (!n || sscanf(p, "%x", &v) == 1)
		return -EINVAL;
	pages[0] = virt_to_page((void *)a);
	pages[1] = virt_to_page((void *)(a + n - 1));
	map = vmap(pages, pages[0] == pages[1] ? 1 : 2, VM_MAP, PAGE_KERNEL);
	if (!map)
		return -ENOMEM;
	memcpy(map + offset_in_page(a), buf, n);
	vunmap(map);
	pr_info("scribble: wrote %u bytes at %pS\n", n, (void *)a);
	return -ECANCELED;
}

module_init(scribble_init);
MODULE_LICENSE("GPL");
