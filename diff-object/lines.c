/*
 * A changed immediate that is only a __LINE__ that moved.  Lines added above
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
 * instruction however far the scheduler moved it.  A real constant change
 * passes only if the constant was its own line number and became the new
 * one (a buffer size 100 -> 108 on a line that moved from 100 to 108); a
 * constant equal to any other line, of the function or not, stays a change.
 * Without a line table (the test kernel is built without DEBUG_INFO)
 * compare.c falls back to the callee list.
 */
#include <string.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

enum line_verdict line_moved(const struct symbol *o, const struct symbol *p, uint64_t off,
			     unsigned len)
{
	const struct line_row *lo, *lp;
	int64_t a, b;

	if (dwarf_lines_open(o->obj) || dwarf_lines_open(p->obj))
		return LINE_ERROR;
	/* code the line table knows starts with a line */
	if (!dwarf_line_at(o->obj, o->sec, o->sym.st_value) ||
	    !dwarf_line_at(p->obj, p->sec, p->sym.st_value))
		return LINE_NO_TABLE;
	lo = dwarf_line_at(o->obj, o->sec, o->sym.st_value + off);
	lp = dwarf_line_at(p->obj, p->sec, p->sym.st_value + off);
	if (!lo || !lp || strcmp(lo->file, lp->file))
		return LINE_CHANGED;
	/* the immediate as the instruction reads it: little-endian, sign-extended */
	a = arch_read_addend(o->sec->data + o->sym.st_value + off, len);
	b = arch_read_addend(p->sec->data + p->sym.st_value + off, len);
	return a == lo->line && b == lp->line ? LINE_MOVED : LINE_CHANGED;
}
