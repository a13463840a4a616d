/* layout-unchanged-user-FAIL built without -g: nothing to compare, and
 * lkhp-diff says so */
extern void ext(int);
struct req { int id; int len; int flags; };
__attribute__((noinline)) void fill(struct req *r, int a) { r->id = a; r->len = 2 * a; r->flags = 1; }
__attribute__((noinline)) int show(const struct req *r) { ext(r->id); return r->id; }
int run(int a) { struct req r; fill(&r, a); return show(&r); }
