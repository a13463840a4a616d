/* helper built from another source: the same bytes, another variable */
static int counter;
extern int hidden_var;

static __attribute__((noinline)) int helper(void)
{
	return hidden_var-- + 5;
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
