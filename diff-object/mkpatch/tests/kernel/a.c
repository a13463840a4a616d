/* First file: its statics `counter` and `helper` are sympos 1. */
int exported_var;
int hidden_var;
int hidden_arr[8];
/* fakemod defines a global of this name too (not exported) */
int shared_name;
static int counter;
static int only_a;

static __attribute__((noinline)) int helper(void)
{
	only_a ^= 1;
	return counter++ * 3 + only_a;
}

int exported_fn(int x)
{
	return x + exported_var;
}

/* exported in a symbol namespace: not resolvable by the loader alone */
int ns_fn(int x)
{
	return x - hidden_var;
}

int hidden_fn(int x)
{
	return x * 2 + hidden_var;
}

int a_func(int x)
{
	return helper() + x + counter;
}

/* call __fentry__; ret: 6 bytes, too small for the 7-byte jump after it */
void tiny(void)
{
}

/* no ftrace site: patched at its entry */
__attribute__((no_instrument_function)) int no_ftrace(int x)
{
	return x * 7 + hidden_arr[x & 7] + 11;
}

/*
 * A static branch on traced_key, as a tracepoint makes it: a 5-byte nop
 * with a relative __jump_table entry (arch/x86/include/asm/jump_label.h),
 * after the code `before`.
 */
int traced_key;

#define TRACED_FN(name, before)							\
int name(int x)									\
{										\
	asm goto(before "1: .byte 0x3e, 0x8d, 0x74, 0x26, 0x00\n\t"		\
		 ".pushsection __jump_table, \"aw\"\n\t"			\
		 ".balign 4\n\t"						\
		 ".long 1b - ., %l[yes] - .\n\t"				\
		 ".long traced_key - .\n\t"					\
		 ".popsection" : : : : yes);					\
	return x;								\
yes:										\
	return x + hidden_var;							\
}

/* right after the ftrace site, as on a tracepoint's first line */
TRACED_FN(traced, "")

/*
 * 5 bytes later (+10), as a pr_debug() on the first line after a short
 * prologue makes it (__mptcp_destroy_sock: +11): inside the 7-byte ljmp at
 * +5, past the 5-byte jmp.
 */
TRACED_FN(traced_late, ".byte 0x3e, 0x8d, 0x74, 0x26, 0x00\n\t")

/* call __fentry__; mov %eax,hidden_var; ret: 11 bytes, room for the 5-byte jmp only */
void small(int x)
{
	hidden_var = x;
}

/*
 * Two names of one address, as the linker script gives _stext and
 * startup_32 one: kallsyms shows one of them.
 */
int aliased_fn(int x)
{
	return x * 5 + hidden_var;
}
extern int aliased_other(int x) __attribute__((alias("aliased_fn")));

/*
 * A global label inside a function, as entry_INT80_32 and __put_user_4
 * have: kallsyms sizes the function up to it.
 */
__attribute__((noinline)) int interior_fn(int x)
{
	asm volatile(".globl interior_label\ninterior_label:\n\tnop");
	return x + hidden_var;
}
