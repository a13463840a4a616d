/*
 * A changed number that is only a __LINE__ that moved.  Lines added above
 * a function move every __LINE__ in it, and every subsystem passes
 * __LINE__ to a helper of its own (ocfs2's mlog() to __mlog_printk, btrfs,
 * ext4, ...), often not even by a call that follows: ocfs2 shares one tail,
 *   dlmdomain.c:2325 (was 2317: 8 lines added above)
 *     push $0x915    (was $0x90d)
 *     jmp  18f <dlm_init+0x18f>
 * So the object's own line table decides, not a list of callees: the
 * instruction holding the immediate comes from line A of a file in the
 * original and line B != A of that file in the patched object, and its
 * immediate is A in the original and B in the patched object.  gcc gives
 * every instruction of a macro's expansion the line of the macro's name, the
 * line __LINE__ expands to, so a __LINE__ is the line of its own
 * instruction however far the scheduler moved it.
 * An inline function's parameter holds the __LINE__ of its call, and the
 * instruction loading it comes from the inline function's own line:
 *   ext4_journal_start(inode, ...) -> __ext4_journal_start(inode, __LINE__, ...)
 * loads 4524 at ext4_jbd2.h:326, inlined at extents.c:4524; so the lines
 * where the inlined functions around the instruction were called count too,
 * each at its own depth in both objects.  A real constant change passes only
 * if the constant was the line of its instruction or of such a call and
 * became the new one (a buffer size 100 -> 108 on a line that moved from 100
 * to 108); a constant equal to any other line, of the function or not,
 * stays a change.
 * Strings too: fortify's memcpy() check names its place in a literal,
 *   "field \"join_msg.domain\" at fs/ocfs2/dlm/dlmdomain.c:1434"  (was :1426)
 * and the instruction that loads its address comes from that line.
 * Without a line table (the test kernel is built without DEBUG_INFO)
 * compare.c falls back to the callee list for immediates; a string is then
 * a change.
 */
#include <ctype.h>
#include <string.h>

#include "diff.h"

/* The decimal number at s, of at most 9 digits; *end past it.  -1: none. */
static int64_t number(const char *s, const char **end)
{
	int64_t n = 0;
	int k;

	for (k = 0; k < 10 && isdigit((unsigned char)s[k]); k++)
		n = n * 10 + (s[k] - '0');
	*end = s + k;
	return k && k < 10 ? n : -1;
}

bool line_numbers(const char *a, const char *b, int64_t *na, int64_t *nb)
{
	const char *ea, *eb;
	size_t i = 0;

	while (a[i] && a[i] == b[i])
		i++;
	if (a[i] == b[i])
		return false;
	/* the number the first difference is in */
	while (i && isdigit((unsigned char)a[i - 1]))
		i--;
	*na = number(a + i, &ea);
	*nb = number(b + i, &eb);
	return *na >= 0 && *nb >= 0 && !strcmp(ea, eb);
}

/* Inlined calls looked through, innermost first. */
#define MAX_INLINE 8

enum line_verdict line_moved(const struct symbol *o, const struct symbol *p, uint64_t off,
			     int64_t a, int64_t b)
{
	struct src_line co[MAX_INLINE], cp[MAX_INLINE];
	const struct line_row *lo, *lp;
	size_t no, np, k;

	if (dwarf_lines_open(o->obj) || dwarf_lines_open(p->obj))
		return LINE_ERROR;
	/* code the line table knows starts with a line */
	if (!dwarf_line_at(o->obj, o->sec, o->sym.st_value) ||
	    !dwarf_line_at(p->obj, p->sec, p->sym.st_value))
		return LINE_NO_TABLE;
	lo = dwarf_line_at(o->obj, o->sec, o->sym.st_value + off);
	lp = dwarf_line_at(p->obj, p->sec, p->sym.st_value + off);
	if (!lo || !lp)
		return LINE_CHANGED;
	if (a == lo->line && b == lp->line && !strcmp(lo->file, lp->file))
		return LINE_MOVED;
	/* the parameter of an inline function: the line of the call at that depth */
	no = dwarf_inline_calls(o->obj, o->sec, o->sym.st_value + off, co, MAX_INLINE);
	np = dwarf_inline_calls(p->obj, p->sec, p->sym.st_value + off, cp, MAX_INLINE);
	for (k = 0; k < no && k < np; k++)
		if (a == co[k].line && b == cp[k].line && !strcmp(co[k].file, cp[k].file))
			return LINE_MOVED;
	return LINE_CHANGED;
}
