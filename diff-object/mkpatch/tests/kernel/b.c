/* Second file: the same static names again, sympos 2. */
static int counter;

static __attribute__((noinline)) int helper(void)
{
	return counter-- + 5;
}

/* always called with k == 3: gcc makes scale.constprop.0 */
static __attribute__((noinline)) int scale(int *p, int k)
{
	return *p * k + counter;
}

int b_func(int x)
{
	return helper() * x + counter + scale(&x, 3);
}

/* a pr_debug() descriptor of b.c: a patch carries its own copy */
static struct { const char *fmt; int line; } ddesc
	__attribute__((used, section("__dyndbg"))) = { "b %d\n", 20 };
