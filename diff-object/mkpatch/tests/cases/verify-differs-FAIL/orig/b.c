/* helper built from another source: its constant differs */
static int counter;

static __attribute__((noinline)) int helper(void)
{
	return counter-- + 4;
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
