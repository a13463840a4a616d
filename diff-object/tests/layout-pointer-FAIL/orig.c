/* The netlink dump pattern: start() fills a per-dump context that dump()
 * and done() read in later calls, so an instance made before the patch
 * outlives it; every user changes, none is unchanged. */
extern void ext(int);
struct cb { long ctx[4]; };
struct dump_ctx { int pos; int count; };
int start(struct cb *cb) { struct dump_ctx *c = (void *)cb->ctx; c->pos = 0; c->count = 0; return 0; }
int dump(struct cb *cb) { struct dump_ctx *c = (void *)cb->ctx; ext(c->count); return c->pos++; }
__attribute__((noinline)) void done(struct dump_ctx *c) { ext(c->count); }
