/*
 * Module "fakemod", first file: a static `enabled` the patched code reads,
 * `counter`/`helper` as in fakemod/more.c (sympos 1 and 2 in the .ko), an
 * exported function and references to vmlinux.
 */
int hidden_fn(int x);
int exported_fn(int x);

static int enabled = 1;
static int counter;

static __attribute__((noinline)) int helper(void)
{
	return counter++ * 3 + enabled;
}

/* writes `enabled`: else gcc folds it to the constant 1 */
void fm_enable(int on)
{
	enabled = on;
}

/* exported (Module.symvers): a patch still reaches it by an LKHP relocation */
int fm_export(int x)
{
	return x + enabled;
}

int fm_func(int x)
{
	return helper() + x + hidden_fn(x) + exported_fn(x);
}

/* no ftrace site: patched at its entry */
__attribute__((no_instrument_function)) int fm_noftrace(int x)
{
	return x * 5 + enabled + 17;
}

/* a static branch at +5, as in vmlinux's traced() (a.c) */
int fm_key;

int fm_traced(int x)
{
	asm goto("1: .byte 0x3e, 0x8d, 0x74, 0x26, 0x00\n\t"
		 ".pushsection __jump_table, \"aw\"\n\t"
		 ".balign 4\n\t"
		 ".long 1b - ., %l[yes] - .\n\t"
		 ".long fm_key - .\n\t"
		 ".popsection" : : : : yes);
	return x;
yes:
	return x + enabled;
}

/* a WARN_ONCE()'s flag and __func__: the same names in main.c and more.c */
int fm_warn(int x)
{
	static int __attribute__((section(".data.once"))) __already_done;

	if (x < 0 && !__already_done) {
		__already_done = 1;
		return exported_fn((int)__func__) * 3;
	}
	return x;
}

/* its __init function (.init.text, notrace) and module_init()'s alias of it */
static __attribute__((section(".init.text"), cold, noinline, no_instrument_function))
int fm_init(void)
{
	counter = 2;
	fm_enable(1);
	return 0;
}
int init_module(void) __attribute__((alias("fm_init")));

/* its __exit function (.exit.text, notrace) and module_exit()'s alias of it */
static __attribute__((section(".exit.text"), cold, noinline, no_instrument_function))
void fm_exit(void)
{
	counter = 0;
	fm_enable(0);
}
void cleanup_module(void) __attribute__((alias("fm_exit")));

/*
 * What modpost writes into fakemod.ko: it uses othermod's exports
 * (depends=), imports om_export at Module.symvers's version and om_stale
 * at another (__versions, struct modversion_info).
 */
static const char fm_depends[] __attribute__((section(".modinfo"), used)) =
	"depends=othermod";

static const struct { unsigned long crc; char name[60]; } fm_versions[]
	__attribute__((section("__versions"), used, aligned(32))) = {
	{ 0x6789abcd, "om_export" },
	{ 0x11111111, "om_stale" },
};
