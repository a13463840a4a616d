/* Module "fakemod", second file: the same static names, sympos 2. */
static int counter;

static __attribute__((noinline)) int helper(void)
{
	return counter-- + 5;
}

/* always called with k == 3: gcc makes a clone, scale.constprop.0.isra.0 */
static __attribute__((noinline)) int scale(int *p, int k)
{
	return *p * k + counter;
}

int fm_more(int x)
{
	return helper() * x + counter + scale(&x, 3);
}

/* vmlinux has a global of this name too */
int shared_name = 2;
