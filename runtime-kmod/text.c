// SPDX-License-Identifier: GPL-2.0
/*
 * The only file of lkhp.ko that writes kernel text.
 *
 * Kernel and module text are read-only (STRICT_KERNEL_RWX, STRICT_MODULE_RWX)
 * and text_poke() is not exported, so writes go through a temporary writable
 * alias: vmap() of the page(s) behind the address with PAGE_KERNEL. The alias
 * and the text share the physical page, and x86 keeps instruction fetch
 * coherent with data writes; each CPU still serializes (sync_core() in
 * consistency.c) before it may run the new bytes. vmap() may sleep, so the
 * aliases of a switch are made before stop_machine() and undone after it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/err.h>
#include <linux/mm.h>
#include <linux/string.h>
#include <linux/uaccess.h>
#include <linux/vmalloc.h>
#include <asm/segment.h>
#include "internal.h"

/*
 * The redirect at @s to @target: ljmp $__KERNEL_CS, $target (ea imm32
 * imm16, 7 bytes), or jmp rel32 (e9 imm32, 5 bytes) where the site takes
 * only that; its displacement is from the site's end, so it is encoded
 * once the site is known, again after a module reload.
 */
void lkhp_redirect_encode(const struct lkhp_site *s, u8 *ins, unsigned long target)
{
	u32 off = target;
	u16 cs = __KERNEL_CS;

	BUILD_BUG_ON(LKHP_INS_LEN != 1 + sizeof(off) + sizeof(cs));
	BUILD_BUG_ON(LKHP_JMP_SIZE != 1 + sizeof(off));
	memset(ins, 0, LKHP_INS_LEN);
	if (s->ins_len == LKHP_JMP_SIZE) {
		off = target - (s->addr + LKHP_JMP_SIZE);
		ins[0] = LKHP_JMP_OPCODE;
		memcpy(&ins[1], &off, sizeof(off));
		return;
	}
	ins[0] = LKHP_LJMP_OPCODE;
	memcpy(&ins[1], &off, sizeof(off));
	memcpy(&ins[1 + sizeof(off)], &cs, sizeof(cs));
}

int lkhp_text_read(unsigned long addr, u8 *buf, size_t len)
{
	return copy_from_kernel_nofault(buf, (void *)addr, len) ? -EFAULT : 0;
}

static struct page *lkhp_text_page(unsigned long addr)
{
	if (is_vmalloc_addr((void *)addr))
		return vmalloc_to_page((void *)addr);
	if (virt_addr_valid((void *)addr))
		return virt_to_page((void *)addr);
	return NULL;
}

/*
 * Map the page(s) holding [addr, addr + len) writable; returns the alias,
 * or ERR_PTR(-EFAULT) for memory without pages, ERR_PTR(-ENOMEM).
 */
static void *lkhp_alias_map(unsigned long addr, size_t len, void **base)
{
	unsigned long first = addr & PAGE_MASK;
	unsigned long last = (addr + len - 1) & PAGE_MASK;
	struct page *pages[2];
	unsigned int n = first == last ? 1 : 2;
	void *map;

	if (WARN_ON(len == 0 || len > PAGE_SIZE))
		return ERR_PTR(-EINVAL);
	pages[0] = lkhp_text_page(first);
	pages[1] = n == 2 ? lkhp_text_page(last) : NULL;
	if (!pages[0] || (n == 2 && !pages[1]))
		return ERR_PTR(-EFAULT);
	map = vmap(pages, n, VM_MAP, PAGE_KERNEL);
	if (!map)
		return ERR_PTR(-ENOMEM);
	*base = map;
	return map + (addr - first);
}

/*
 * Write into memory that nothing executes yet (a patch module's relocation
 * places before its registration completes): no stop_machine needed.
 */
int lkhp_text_write(unsigned long addr, const void *buf, size_t len)
{
	void *base, *alias;

	alias = lkhp_alias_map(addr, len, &base);
	if (IS_ERR(alias))
		return PTR_ERR(alias);
	memcpy(alias, buf, len);
	vunmap(base);
	return 0;
}

int lkhp_write_map(struct lkhp_write *w)
{
	void *alias = lkhp_alias_map(w->site->addr, w->site->ins_len, &w->alias_base);

	if (IS_ERR(alias))
		return PTR_ERR(alias);
	w->alias = alias;
	return 0;
}

void lkhp_write_unmap(struct lkhp_write *w)
{
	if (w->alias_base)
		vunmap(w->alias_base);
	w->alias_base = NULL;
	w->alias = NULL;
}

/*
 * Inside stop_machine(), on one CPU, the others spinning with interrupts
 * off: check that every site still holds the bytes lkhp put there (nothing
 * else may have rewritten them), then rewrite them all.
 */
int lkhp_writes_apply(struct lkhp_switch *sw)
{
	unsigned int i;

	for (i = 0; i < sw->nr; i++) {
		struct lkhp_write *w = &sw->writes[i];

		if (memcmp(w->alias, w->old, w->site->ins_len))
			return -EIO;
	}
	for (i = 0; i < sw->nr; i++)
		memcpy(sw->writes[i].alias, sw->writes[i].new, sw->writes[i].site->ins_len);
	return 0;
}
