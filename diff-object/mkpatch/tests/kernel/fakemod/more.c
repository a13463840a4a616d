/* Module "fakemod", second file: the same static names, sympos 2. */
static int counter;

static __attribute__((noinline)) int helper(void)
{
	return counter-- + 5;
}

int fm_more(int x)
{
	return helper() * x + counter;
}

/* vmlinux has a global of this name too */
int shared_name = 2;
