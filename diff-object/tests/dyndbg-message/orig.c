/* A pr_debug() whose message alone changes: its user changed, although its
 * code is the same (the descriptor holds the message); the line moving
 * above it (f) is no change */
extern void ext_dd(void *desc, int a);
struct _ddebug { const char *modname, *function, *filename, *format; unsigned int lineno; };
#define pr_dd(fmt, a) do { static struct _ddebug __attribute__((used, section("__dyndbg"), aligned(8))) \
	__UNIQUE_ID_ddebug = { "unit", __func__, "unit.c", fmt, __LINE__ }; ext_dd(&__UNIQUE_ID_ddebug, a); } while (0)
int f(int a) { pr_dd("f %d\n", a); return a + 1; }
int g(int a) { pr_dd("g %d\n", a); return a * 2; }
