/*
 * A subsystem's own __LINE__-taking helpers, which no list names: ocfs2's
 * mlog() (varargs: the line is pushed), one taking it in a register, and
 * fortify's memcpy() check, which writes it into a string literal, and
 * ext4_journal_start(), which hands it to an inline function's parameter.
 */
extern void __sub_log(const char *func, int line, const char *fmt, ...);
extern void __sub_err(void *sb, int line);
#define sub_log(fmt, ...) __sub_log(__func__, __LINE__, fmt, ##__VA_ARGS__)
#define sub_err(sb) __sub_err((sb), __LINE__)
#define str(x) #x
#define xstr(x) str(x)
extern void __sub_where(const char *where);
#define sub_where() __sub_where("at " __FILE__ ":" xstr(__LINE__))
static inline __attribute__((always_inline)) void __sub_start(void *s, int line)
{
	__sub_err(s, line);
}
#define sub_start(s) __sub_start((s), __LINE__)
extern int ext(int);
extern void *sb;

int logger(int a)
{
	if (ext(a))
		sub_log("first %d\n", a);
	if (ext(a + 1))
		sub_log("second %d\n",
			a + 1);
	return a;
}

int checker(int a)
{
	if (ext(a) < 0)
		sub_err(sb);
	ext(a * 2);
	if (ext(a) == 3)
		sub_where();
	if (ext(a) > 10)
		sub_err(sb);
	return 0;
}

int starter(int a)
{
	if (ext(a))
		sub_start(sb);
	return 0;
}
