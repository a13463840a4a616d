/* layout-pointer-FAIL, declared safe: the patch makes sure no dump runs
 * across the switch, so every instance is made by the new code. */
extern void ext(int);
struct cb { long ctx[4]; };
struct dump_ctx { int pos; int count; };
int start(struct cb *cb) { struct dump_ctx *c = (void *)cb->ctx; c->pos = 0; c->count = 0; return 0; }
int dump(struct cb *cb) { struct dump_ctx *c = (void *)cb->ctx; ext(c->count); return c->pos++; }
__attribute__((noinline)) void done(struct dump_ctx *c) { ext(c->count); }
