/*
 * A target object: the running kernel's vmlinux or one of its modules' .ko
 * files, the truth for addresses, sizes and the order of same-named statics
 * (sympos), and for its ftrace and static branch sites.  Read through the
 * model; the lookups by file and by gcc-numbered key that the tables need
 * are kept here, beside it.  vmlinux.c and ko.c open the two kinds; a .ko
 * is laid out as if linked (ko.c), so everything here works by address.
 */
#include <stdlib.h>
#include <string.h>

#include "mkpatch.h"

/* foo.isra.0 is also found as FILE/foo.isra: gcc renumbers between builds. */
static int add_clone_key(struct target *v, const struct vsym *s)
{
	char *k, *key, **keys;

	if (!strchr(s->name, '.'))
		return 0;
	k = name_key(s->name);
	if (!k)
		return -1;
	if (!strcmp(k, s->name)) {
		free(k);
		return 0;
	}
	key = malloc(strlen(s->file) + strlen(k) + 2);
	keys = realloc(v->clone_keys, (v->nclone_keys + 1) * sizeof(*keys));
	if (keys)
		v->clone_keys = keys;
	if (!key || !keys) {
		free(key);
		free(k);
		return -1;
	}
	sprintf(key, "%s/%s", s->file, k);
	free(k);
	v->clone_keys[v->nclone_keys++] = key;
	return htab_add(&v->by_file_key, key, (void *)s);
}

/*
 * The symbols of v->obj, at their addresses: a .ko's are offsets in their
 * section, which ko.c gave a made-up address (sh_addr).  Undefined symbols
 * are none of the target's.
 */
int target_read_symtab(struct target *v)
{
	const struct elf_obj *o = &v->obj;
	size_t i, keylen = 0, at = 0;

	v->nsyms = o->nsyms;
	v->syms = calloc(v->nsyms ? v->nsyms : 1, sizeof(*v->syms));
	if (!v->syms || htab_init(&v->by_name, v->nsyms) || htab_init(&v->by_file, v->nsyms) ||
	    htab_init(&v->by_file_key, 1024) || htab_init(&v->pins, 16))
		goto oom;

	/*
	 * A module stripped of its STT_FILE symbols (Debian's: strip
	 * --strip-debug drops them) names no file: its statics are keyed by
	 * name alone (file ""), and same-named ones stay ambiguous.
	 */
	v->no_files = v->name != NULL;
	for (i = 1; i < v->nsyms; i++)
		v->no_files &= o->syms[i].type != STT_FILE;
	for (i = 1; i < v->nsyms; i++) {
		const struct symbol *m = &o->syms[i];
		struct vsym *s = &v->syms[i];

		s->name = m->name;
		s->file = v->no_files && m->bind == STB_LOCAL ? "" : m->file;
		s->idx = i;
		s->sec = m->sec;
		s->value = (uint32_t)m->sym.st_value;
		if (!o->executable && m->sec)
			s->value += (uint32_t)m->sec->sh.sh_addr;
		s->size = (uint32_t)m->sym.st_size;
		s->bind = m->bind;
		s->type = m->type;
		s->text = m->sec && sec_is_text(m->sec);
		if (!vsym_named(s) || m->sym.st_shndx == SHN_UNDEF)
			continue;
		if (htab_add(&v->by_name, s->name, s))
			goto oom;
		if (s->file)
			keylen += strlen(s->file) + strlen(s->name) + 2;
	}

	/* "FILE/NAME": a C symbol name has no '/', so the key is unambiguous */
	v->keys = malloc(keylen ? keylen : 1);
	if (!v->keys)
		goto oom;
	for (i = 1; i < v->nsyms; i++) {
		struct vsym *s = &v->syms[i];
		char *key = v->keys + at;

		if (!vsym_named(s) || !s->file || v->obj.syms[i].sym.st_shndx == SHN_UNDEF)
			continue;
		at += (size_t)sprintf(key, "%s/%s", s->file, s->name) + 1;
		if (htab_add(&v->by_file, key, s) || add_clone_key(v, s))
			goto oom;
	}
	return 0;
oom:
	ERROR(v->path, "out of memory");
	return -1;
}

static int cmp_u32(const void *a, const void *b)
{
	uint32_t x = *(const uint32_t *)a, y = *(const uint32_t *)b;

	return (x > y) - (x < y);
}

void sites_sort(struct sites *s)
{
	if (s->n)
		qsort(s->addr, s->n, sizeof(*s->addr), cmp_u32);
}

/* The bytes at [addr, addr + len) of the section that holds them. */
const unsigned char *target_bytes(struct target *v, uint32_t addr, size_t len)
{
	size_t i;

	for (i = 1; i < v->obj.nsecs; i++) {
		struct section *sec = &v->obj.secs[i];
		const unsigned char *p;

		if (sec->sh.sh_type != SHT_PROGBITS || !(sec->sh.sh_flags & SHF_ALLOC) ||
		    addr < sec->sh.sh_addr || addr - sec->sh.sh_addr > sec->size ||
		    len > sec->sh.sh_addr + sec->size - addr)
			continue;
		p = elf_section_bytes(sec);
		return p ? p + (addr - sec->sh.sh_addr) : NULL;
	}
	return NULL;
}

static void free_pins(struct target *v)
{
	size_t i;

	for (i = 0; v->pins.buckets && i < v->pins.nbuckets; i++) {
		struct hent *e;

		for (e = v->pins.buckets[i]; e; e = e->next)
			free(e->val);
	}
	htab_free(&v->pins);
}

void target_close(struct target *v)
{
	htab_free(&v->by_name);
	htab_free(&v->by_file);
	htab_free(&v->by_file_key);
	free_pins(v);
	while (v->nclone_keys)
		free(v->clone_keys[--v->nclone_keys]);
	free(v->clone_keys);
	free(v->keys);
	free(v->syms);
	free(v->fentry.addr);
	free(v->jump.addr);
	elf_obj_close(&v->obj);
	memset(v, 0, sizeof(*v));
	v->obj.fd = -1;
}

/*
 * The one match of a hash chain: data symbols of any type, code only as
 * FUNC; inside pin's symtab range when pin is not NULL.
 */
static enum lookup one_match(struct hent *e, bool local, bool func, const struct file_pin *pin,
			     const struct vsym **out)
{
	const struct vsym *found = NULL;

	for (; e; e = htab_next(e)) {
		const struct vsym *s = e->val;

		if ((s->bind == STB_LOCAL) != local || (func && s->type != STT_FUNC))
			continue;
		if (pin && (s->idx < pin->start || s->idx >= pin->end))
			continue;
		if (found)
			return AMBIGUOUS;
		found = s;
	}
	*out = found;
	return found ? FOUND : NOT_FOUND;
}

enum lookup target_global(const struct target *v, const char *name, bool func,
			   const struct vsym **out)
{
	return one_match(htab_first(&v->by_name, name), false, func, NULL, out);
}

enum lookup target_local(const struct target *v, const char *file, const char *name,
			  bool func, bool by_key, const struct vsym **out)
{
	char *key = malloc(strlen(file) + strlen(name) + 2);
	enum lookup ret;

	*out = NULL;
	if (!key)
		return LOOKUP_ERROR;
	/* without STT_FILEs statics are keyed by name alone; pins by file still */
	sprintf(key, "%s/%s", v->no_files ? "" : file, name);
	ret = one_match(htab_first(by_key ? &v->by_file_key : &v->by_file, key), true,
			func, NULL, out);
	if (ret == AMBIGUOUS && htab_first(&v->pins, file))
		ret = one_match(htab_first(by_key ? &v->by_file_key : &v->by_file, key), true,
				func, htab_first(&v->pins, file)->val, out);
	free(key);
	return ret;
}

/* The block of symtab index i: from its STT_FILE to the next one. */
static void block_of(const struct target *v, size_t i, struct file_pin *b)
{
	size_t s = i, e = i + 1;

	while (s > 0 && v->syms[s].type != STT_FILE)
		s--;
	while (e < v->nsyms && v->syms[e].type != STT_FILE)
		e++;
	b->start = s;
	b->end = e;
}

/* What a file's block of statics holds: as pin_original_files() lists them. */
static bool pinned_kind(const struct vsym *s)
{
	return s->bind == STB_LOCAL && s->sec && (s->type == STT_FUNC || s->type == STT_OBJECT);
}

/*
 * A module without STT_FILEs: ld -r keeps each object's local symbols
 * together and in order, and strip --strip-debug drops none of these
 * kinds (ext4.ko's extents.c block is extents.o's 64 statics, in order),
 * so FILE's block is where the whole sequence names[] appears, once.
 * The pin carries its key, FILE: the original that named it may close first.
 */
static int pin_by_sequence(struct target *v, const char *file, const char *const *names,
			   size_t n)
{
	size_t *seq = malloc((v->nsyms ? v->nsyms : 1) * sizeof(*seq)), len = 0, i, j, found = 0;
	struct file_pin *pin = NULL;

	if (!seq)
		return -1;
	for (i = 1; i < v->nsyms; i++)
		if (pinned_kind(&v->syms[i]))
			seq[len++] = i;
	for (i = 0; n && i + n <= len && found < 2; i++) {
		for (j = 0; j < n && !strcmp(v->syms[seq[i + j]].name, names[j]); j++)
			;
		if (j == n && !found++) {
			pin = malloc(sizeof(*pin) + strlen(file) + 1);
			if (!pin) {
				free(seq);
				return -1;
			}
			pin->start = seq[i];
			pin->end = seq[i + n - 1] + 1;
		}
	}
	free(seq);
	if (found != 1) {
		free(pin);
		return n ? 1 : 0;	/* no statics: nothing to tell apart */
	}
	if (htab_add(&v->pins, strcpy((char *)(pin + 1), file), pin)) {
		free(pin);
		return -1;
	}
	return 0;
}

int target_pin(struct target *v, const char *file, const char *const *names, size_t n)
{
	struct file_pin *pin = NULL, b;
	size_t i, j, nblocks = 0;
	char key[512];

	if (v->no_files)
		return pin_by_sequence(v, file, names, n);
	for (i = 1; i < v->nsyms; i++)
		nblocks += v->syms[i].type == STT_FILE && !strcmp(v->syms[i].name, file);
	if (nblocks < 2)
		return 0;
	/* each block of that file: does it hold every name? */
	for (i = 1; i < v->nsyms; i++) {
		if (v->syms[i].type != STT_FILE || strcmp(v->syms[i].name, file))
			continue;
		block_of(v, i + 1 < v->nsyms ? i + 1 : i, &b);
		for (j = 0; j < n; j++) {
			struct hent *e;

			if ((size_t)snprintf(key, sizeof(key), "%s/%s", file, names[j]) >= sizeof(key))
				break;
			for (e = htab_first(&v->by_file, key); e; e = htab_next(e)) {
				const struct vsym *s = e->val;

				if (s->idx >= b.start && s->idx < b.end)
					break;
			}
			if (!e)
				break;
		}
		if (j < n)
			continue;
		if (pin) {
			free(pin);
			return 1;	/* two blocks fit: nothing tells them apart */
		}
		pin = malloc(sizeof(*pin));
		if (!pin)
			return -1;
		*pin = b;
	}
	if (!pin)
		return 1;
	if (htab_add(&v->pins, v->syms[pin->start].name, pin)) {
		free(pin);
		return -1;
	}
	return 0;
}

/*
 * The n-th (1-based) symbol of that name in symtab order, 0 when the name is
 * unique in the target: the numbering of patch.h and of kernel livepatch.
 * vmlinux counts its locals (a global is found by name alone); a module's
 * symbols are looked up in its own symtab, which counts every defined one.
 */
uint32_t target_sympos(const struct target *v, const struct vsym *s)
{
	struct hent *e = htab_first(&v->by_name, s->name);
	uint32_t total = 0, before = 0;
	bool module = v->name != NULL;

	for (; e; e = htab_next(e)) {
		const struct vsym *o = e->val;

		total++;
		if ((module || o->bind == STB_LOCAL) && o->idx < s->idx)
			before++;
	}
	if (total <= 1 || (!module && s->bind != STB_LOCAL))
		return 0;
	return before + 1;
}

/* What the tables say of s's place: vmlinux its address, a module its
 * offset in its section. */
uint32_t target_table_addr(const struct target *v, const struct vsym *s)
{
	return v->name && s->sec ? s->value - (uint32_t)s->sec->sh.sh_addr : s->value;
}

bool target_has_fentry(const struct target *v, uint32_t addr)
{
	/* no table at all: bsearch() must not see its NULL */
	return v->fentry.n && bsearch(&addr, v->fentry.addr, v->fentry.n,
				      sizeof(*v->fentry.addr), cmp_u32);
}

/* The first static branch whose bytes meet [addr, addr + len), or 0. */
uint32_t target_jump_site_in(const struct target *v, uint32_t addr, uint32_t len)
{
	size_t lo = 0, hi = v->jump.n;

	/* the first site not ending before addr */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (v->jump.addr[mid] + LKHP_JUMP_SITE_MAX <= addr)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < v->jump.n && v->jump.addr[lo] < addr + len ? v->jump.addr[lo] : 0;
}
