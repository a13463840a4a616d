/* An __init function whose source did not change, below lines that did. */
extern void __sub_log(const char *func, int line, const char *fmt, ...);
#define sub_log(fmt, ...) __sub_log(__func__, __LINE__, fmt, ##__VA_ARGS__)
extern int ext(int);

int runtime(int a)
{
	return ext(a) + 1;
}

__attribute__((section(".init.text"), cold, noinline)) int setup_thing(void)
{
	int err = ext(0);

	if (err)
		sub_log("setup failed: %d\n", err);
	return err;
}
