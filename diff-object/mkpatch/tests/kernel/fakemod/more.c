/* Module "fakemod", second file: the same static names, sympos 2. */
int exported_fn(int x);

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

/* a WARN_ONCE()'s flag and __func__: the same names in main.c and more.c */
int fm_more_warn(int x)
{
	static int __attribute__((section(".data.once"))) __already_done;

	if (x < 0 && !__already_done) {
		__already_done = 1;
		return exported_fn((int)__func__) * 5;
	}
	return x;
}
