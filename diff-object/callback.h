/*
 * The entries of LKHP_CALLBACK_SECTION, as lkhp-macros.h writes them and
 * both tools read them: lkhp-diff checks and carries them, lkhp-mkpatch
 * gathers them into the patch module.  The layout is struct lkhp_callback
 * of lkhp/patch.h on i386, which the tools (64-bit programs) cannot
 * include: its field offsets are spelled out here, its size is
 * LKHP_CALLBACK_SIZE.
 */
#ifndef LKHP_CALLBACK_H
#define LKHP_CALLBACK_H

#include <stdint.h>

#include <lkhp/consts.h>

#define CB_OBJNAME_OFF	0	/* const char *objname: NULL for vmlinux */
#define CB_TYPE_OFF	4	/* __u32 type: LKHP_CB_* */
#define CB_FN_OFF	8	/* the function */

_Static_assert(CB_FN_OFF + 4 == LKHP_CALLBACK_SIZE, "struct lkhp_callback layout");

/* "pre-patch" for LKHP_CB_PRE_PATCH...; NULL: not a callback type. */
const char *callback_type_name(uint32_t type);

#endif
