/* not the source fakemod.ko was built from: fm_func calls another function */
int hidden_fn(int x);
int exported_fn(int x);
int ns_fn(int x);

static int enabled = 1;
static int counter;

static __attribute__((noinline)) int helper(void)
{
	return counter++ * 3 + enabled;
}

void fm_enable(int on)
{
	enabled = on;
}

int fm_export(int x)
{
	return x + enabled;
}

int fm_func(int x)
{
	return helper() + x + ns_fn(x) + exported_fn(x);
}

__attribute__((no_instrument_function)) int fm_noftrace(int x)
{
	return x * 5 + enabled + 17;
}
