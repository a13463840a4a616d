/* kernel macros' statics in functions: __func__, a WARN_ONCE() flag, a
 * ratelimit state, a lockdep key, a switch table (CSWTCH); an author's
 * named const table keeps its identity */
extern void report(const char *fn, int v);
extern void warn_once(int *done, const char *fn);
extern int ratelimit(void *rs, const char *fn);
extern void lock_init(void *lock, void *key);
struct ratelimit_state { int interval, burst, printed; };
struct ops { int (*get)(int); };
extern int use_ops(const struct ops *o, int x);
extern int ext_get(int);

#define WARN_ONCE_ON(c) do { static int __attribute__((section(".data.once"))) __already_done; \
	if ((c) && !__already_done) { __already_done = 1; warn_once(&__already_done, __func__); } } while (0)
#define REPORT_RATELIMITED(v, ival) do { static struct ratelimit_state _rs = { ival, 10, 0 }; \
	if (ratelimit(&_rs, __func__)) report(__func__, v); } while (0)
#define LOCK_INIT(l) do { static int __key; lock_init(l, &__key); } while (0)

static const struct ops my_ops = { ext_get };

int level(int x)
{
	static const int tbl[] = { 3, 1, 4, 1, 5, 9, 2, 6 };

	switch (x) {
	case 0: return 11; case 1: return 23; case 2: return 35; case 3: return 47;
	case 4: return 59; case 5: return 61; case 6: return 73; case 7: return 85;
	default: return tbl[x & 7];
	}
}

int f(int x, void *lock)
{
	WARN_ONCE_ON(x < 0);
	REPORT_RATELIMITED(x, 5);
	LOCK_INIT(lock);
	return level(x) + use_ops(&my_ops, x);
}

int g(int x)
{
	WARN_ONCE_ON(x > 100);
	return x * 2;
}
