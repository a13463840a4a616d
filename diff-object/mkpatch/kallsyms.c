/*
 * What lkhp.ko's kallsyms check will see, checked here first.  The runtime
 * verifies every vmlinux address the patch names with sprint_symbol(): the
 * name shown at the address, offset 0, and a size (the distance to the next
 * kallsyms symbol) covering the symbol's st_size.  kallsyms shows one name
 * per address, so the tables carry the other names of each address
 * (struct lkhp_alias): in Debian's 6.1 vmlinux
 *   c1000000 T _stext / c1000000 T _text / c1000000 T startup_32
 * and sprint_symbol() of _stext says startup_32+0x0.  A symbol with another
 * one inside it (entry_INT80_32, __put_user_4 ...) would verify too short:
 * refused here with the runtime's reason.  Symbols are those kallsyms lists
 * on i386: every named symbol of a section (not absolute ones).
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

static bool listed(const struct vsym *s)
{
	return vsym_named(s) && s->sec;
}

static int by_value(const void *a, const void *b)
{
	const struct vsym *x = *(const struct vsym *const *)a, *y = *(const struct vsym *const *)b;

	return (x->value > y->value) - (x->value < y->value);
}

/* The first index of mk->by_addr whose value is above (or at, !after) v. */
static size_t first_from(const struct mkpatch *mk, uint32_t v, bool after)
{
	size_t lo = 0, hi = mk->naddr;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint32_t m = mk->by_addr[mid]->value;

		if (m < v || (after && m == v))
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

static int add_alias(struct mkpatch *mk, const struct vsym *s)
{
	size_t i;

	for (i = 0; i < mk->naliases; i++)
		if (mk->aliases[i] == s)
			return 0;
	if (!(mk->naliases & (mk->naliases + 1))) {
		const struct vsym **a = realloc(mk->aliases, 2 * (mk->naliases + 1) * sizeof(*a));

		if (!a)
			return -1;
		mk->aliases = a;
	}
	mk->aliases[mk->naliases++] = s;
	return 0;
}

/* The other names of name's address v. */
static int add_aliases(struct mkpatch *mk, const char *name, uint32_t v)
{
	size_t i;

	for (i = first_from(mk, v, false); i < mk->naddr && mk->by_addr[i]->value == v; i++)
		if (strcmp(mk->by_addr[i]->name, name) && add_alias(mk, mk->by_addr[i]))
			return -1;
	return 0;
}

/*
 * sprint_symbol()'s size for k must cover its st_size: no other symbol may
 * start inside it.
 */
static int check_size(struct mkpatch *mk, const struct kref *k, const char *obj)
{
	size_t i = first_from(mk, k->vs->value, true);
	const struct vsym *next = i < mk->naddr ? mk->by_addr[i] : NULL;

	if (!next || next->value - k->vs->value >= k->vs->size)
		return 0;
	UNSUPPORTED(obj, k->name, "does not verify in lkhp.ko: kallsyms gives it %u bytes, "
		    "not its %u (%s starts inside it, at +%u)", next->value - k->vs->value,
		    k->vs->size, next->name, next->value - k->vs->value);
	return -1;
}

int check_kallsyms(struct mkpatch *mk)
{
	const struct target *vm = &mk->vm;
	unsigned before = lkhp_refusals;
	size_t i;

	mk->by_addr = malloc((vm->nsyms ? vm->nsyms : 1) * sizeof(*mk->by_addr));
	if (!mk->by_addr)
		goto oom;
	for (i = 1; i < vm->nsyms; i++)
		if (listed(&vm->syms[i]))
			mk->by_addr[mk->naddr++] = &vm->syms[i];
	qsort(mk->by_addr, mk->naddr, sizeof(*mk->by_addr), by_value);

	if (add_aliases(mk, LKHP_ANCHOR_SYMBOL, mk->kernel.anchor))
		goto oom;
	for (i = 0; i < mk->nfuncs; i++) {
		const struct kref *k = &mk->funcs[i].old;

		if (k->t != vm)
			continue;
		check_size(mk, k, blame(mk, mk->funcs[i].new_func->name, true));
		if (add_aliases(mk, k->name, k->vs->value))
			goto oom;
	}
	for (i = 0; i < mk->nrelocs; i++) {
		const struct kref *k = &mk->relocs[i].sym;

		if (k->t != vm)
			continue;
		check_size(mk, k, blame(mk, mk->relocs[i].undef, false));
		if (add_aliases(mk, k->name, k->vs->value))
			goto oom;
	}
	return lkhp_refusals > before ? -1 : 0;
oom:
	ERROR(mk->out_path, "out of memory");
	return -1;
}
