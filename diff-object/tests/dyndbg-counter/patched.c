/* __UNIQUE_ID() descriptors: a pr_debug() added to f takes the __COUNTER__
 * g's had, and g (its code and the line of its descriptor unchanged) is still
 * the kernel's (fix119, net/mptcp/protocol.c: __mptcp_destroy_sock) */
extern void ext_dd(void *desc, int a);
struct _ddebug { const char *modname, *function, *filename, *format; unsigned int lineno; };
#define PASTE_(a, b) a##b
#define PASTE(a, b) PASTE_(a, b)
#define pr_dd_(id, fmt, a) do { static struct _ddebug __attribute__((used, section("__dyndbg"), \
	aligned(8))) id = { "unit", __func__, "unit.c", fmt, __LINE__ }; ext_dd(&id, a); } while (0)
#define pr_dd(fmt, a) pr_dd_(PASTE(__UNIQUE_ID_ddebug, __COUNTER__), fmt, a)
int f(int a) { pr_dd("f %d\n", a); return a + 1; }
int g(int a) { pr_dd("g %d\n", a); return a * 2; }
