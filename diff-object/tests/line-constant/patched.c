/*
 * Real constant changes in functions whose lines moved: each constant changes
 * by exactly the shift of the code around it, as a __LINE__ would.
 */
extern void __sub_log(const char *func, int line, const char *fmt, ...);
#define sub_log(fmt, ...) __sub_log(__func__, __LINE__, fmt, ##__VA_ARGS__)
extern void fill(int a, int len);
extern void say(const char *msg);
extern int ext(int);
static inline __attribute__((always_inline)) void put(int a, int n)
{
	fill(a, n);
}
/*
 * Eight lines added here: everything below moves by 8.
 *
 *
 *
 *
 *
 */
/* 100 -> 108: no line of the function */
int sized(int a)
{
	fill(a, 108);
	return ext(a);
}

/* the same in a string literal */
int message(int a)
{
	say("limit 108");
	return ext(a);
}

/* 31 -> 39: a line of the function (its first statement), not the line of its call */
int numbered(int a)
{
	int x = ext(a);

	fill(x, 39);
	return x;
}

/* its own line before, another number after */
int ownline(int a)
{
	fill(a, 5);
	return 0;
}

/* another number before, its own line after */
int newline(int a)
{
	fill(a, 55);
	return 0;
}

/* through an inline function's parameter: not the line of the call */
int inlined(int a)
{
	put(a, 108);
	return 0;
}

/* a true __LINE__ beside them: not a change */
int logger(int a)
{
	if (ext(a))
		sub_log("bad %d\n", a);
	return a;
}
