/* layout-pointer-FAIL, declared safe: the patch makes sure no dump runs
 * across the switch, so every instance is made by the new code. */
extern void ext(int);
struct cb { long ctx[4]; };
struct dump_ctx { int pos; int skip; int count; };
int start(struct cb *cb) { struct dump_ctx *c = (void *)cb->ctx; c->pos = 0; c->skip = 1; c->count = 0; return 0; }
int dump(struct cb *cb) { struct dump_ctx *c = (void *)cb->ctx; ext(c->count + c->skip); return c->pos++; }
__attribute__((noinline)) void done(struct dump_ctx *c) { ext(c->count); }
#include "lkhp-macros.h"
struct other { int a; };
LKHP_LAYOUT_SAFE(struct dump_ctx, "the pre-patch callback ends every dump");
/* a type whose layout does not change: no effect, with a warning */
LKHP_LAYOUT_SAFE(struct other, "unchanged");
