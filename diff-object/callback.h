/*
 * The entries of LKHP_CALLBACK_SECTION, as lkhp-macros.h writes them and
 * both tools read them: lkhp-diff checks and carries them, lkhp-mkpatch
 * gathers them into the patch module.  The layout is struct lkhp_callback
 * of lkhp/patch.h on i386, which the tools (64-bit programs) cannot
 * include: lkhp/consts.h gives its size and field offsets.
 */
#ifndef LKHP_CALLBACK_H
#define LKHP_CALLBACK_H

#include <stdint.h>

#include <lkhp/consts.h>

/* "pre-patch" for LKHP_CB_PRE_PATCH...; NULL: not a callback type. */
const char *callback_type_name(uint32_t type);

#endif
