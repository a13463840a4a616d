/* layout-unchanged-user-FAIL with an unchanged user that gcc splits into
 * hot and cold parts (show.cold): its DWARF has ranges, no low_pc */
extern void ext(int);
extern int report(const char *, ...) __attribute__((cold));
struct req { int id; int len; int flags; };
__attribute__((noinline)) void fill(struct req *r, int a) { r->id = a; r->len = 2 * a; r->flags = 1; }
__attribute__((noinline)) int show(const struct req *r)
{
	int i, s = 0;

	for (i = 0; i < r->len; i++) {
		if (r->id < i) {
			report("bad %d %d\n", r->id, i);
			s += 7;
		}
		ext(r->id + i);
	}
	return s;
}
