/*
 * The kinds of special statics (statics.h), in one table.  A kind is a
 * gcc-numbered local object (NAME.N: a function's static, or gcc's own
 * data) of a name a kernel macro or gcc gives it, in a section of the
 * kind's writability; anything else is the kernel's.  A named static
 * const of the author's (an ops table) is never here: code may compare
 * its address, so it keeps its identity.
 *
 *   extents.o:  46: 00000000  23 OBJECT LOCAL DEFAULT 134 __func__.7
 *   ext4.ko:    82: 00000304  23 OBJECT LOCAL DEFAULT  16 __func__.7
 *              191: 000009d0  16 OBJECT LOCAL DEFAULT  16 __func__.7 ...
 */
#include <string.h>

#include <lkhp/consts.h>

#include "statics.h"

static const struct {
	const char *name;	/* NAME of NAME.N */
	enum static_kind kind;
} kinds[] = {
	/* strings: printed, never compared */
	{ "__func__", STATIC_STRING },
	{ "__FUNCTION__", STATIC_STRING },
	{ "__PRETTY_FUNCTION__", STATIC_STRING },
	{ "__msg", STATIC_STRING },		/* NL_SET_ERR_MSG() */
	{ "CSWTCH", STATIC_STRING },		/* gcc's switch-to-table lookup */
	/* a call site's state: a fresh copy starts over (a _ONCE fires again) */
	{ "__key", STATIC_FRESH },		/* lockdep's lock_class_key */
	{ "__warned", STATIC_FRESH },		/* VM_WARN_ON_ONCE_*(), RCU_LOCKDEP_WARN() */
	{ "__already_done", STATIC_FRESH },	/* DO_ONCE_LITE(): WARN_ONCE(), printk_once() */
	{ "___done", STATIC_FRESH },		/* DO_ONCE() */
	{ "__print_once", STATIC_FRESH },	/* dev_*_once() */
	{ "_rs", STATIC_FRESH },		/* *_ratelimited(): ratelimit_state */
};

/* NAME.N: the length of NAME, 0 if s is not named so. */
static size_t numbered(const char *name)
{
	const char *dot = strchr(name, '.');

	if (!dot || dot == name || !dot[1] || strspn(dot + 1, "0123456789") != strlen(dot + 1))
		return 0;
	return (size_t)(dot - name);
}

bool is_dyndbg_descriptor(const struct symbol *s)
{
	return sym_is_data(s) && !strcmp(s->sec->name, LKHP_DYNDBG_SECTION);
}

enum static_kind static_kind(const struct symbol *s)
{
	size_t len, i;
	bool writable;

	if (is_dyndbg_descriptor(s))
		return STATIC_FRESH;
	if (!sym_is_data(s) || s->bind != STB_LOCAL)
		return STATIC_KERNEL;
	len = numbered(s->name);
	writable = s->sec->sh.sh_flags & SHF_WRITE;
	for (i = 0; len && i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (strlen(kinds[i].name) == len && !strncmp(s->name, kinds[i].name, len))
			return writable == (kinds[i].kind == STATIC_FRESH) ? kinds[i].kind
									   : STATIC_KERNEL;
	return STATIC_KERNEL;
}
