/*
 * The i386 6.1 kernel's special-section idioms, byte for byte as its headers
 * emit them (asm/bug.h, asm/asm.h, asm/jump_label.h, asm/alternative.h,
 * asm/paravirt_types.h), so fixtures produce the same sections and
 * relocations as kernel objects.  The structs are here for DWARF: the tests
 * build with -g -fno-eliminate-unused-debug-types so lkhp-diff can take the
 * entry sizes from them.
 */
#ifndef LKHP_TEST_KASM_H
#define LKHP_TEST_KASM_H

struct bug_entry {
	unsigned long bug_addr;
	const char *file;
	unsigned short line;
	unsigned short flags;
};

struct exception_table_entry {
	int insn, fixup, data;
};

struct jump_entry {
	int code;
	int target;
	long key;
};

struct alt_instr {
	int instr_offset;
	int repl_offset;
	unsigned short cpuid;
	unsigned char instrlen;
	unsigned char replacementlen;
} __attribute__((packed));

struct paravirt_patch_site {
	unsigned char *instr;
	unsigned char type;
	unsigned char len;
};

struct static_key {
	int enabled;
};

/* asm/bug.h, CONFIG_DEBUG_BUGVERBOSE */
#define BUGFLAG_WARNING (1 << 0)
#define BUGFLAG_TAINT(t) ((t) << 8)
#define __WARN_FLAGS(flags)						\
	asm volatile("1:\t.byte 0x0f, 0x0b\n"				\
		     ".pushsection __bug_table,\"aw\"\n"		\
		     "2:\t.long 1b\t# bug_entry::bug_addr\n"		\
		     "\t.long %c0\t# bug_entry::file\n"			\
		     "\t.word %c1\t# bug_entry::line\n"			\
		     "\t.word %c2\t# bug_entry::flags\n"		\
		     "\t.org 2b+%c3\n"					\
		     ".popsection\n"					\
		     : : "i" (__FILE__), "i" (__LINE__),		\
			 "i" (flags), "i" (sizeof(struct bug_entry)))
#define WARN_ON(condition) ({						\
	int __ret_warn_on = !!(condition);				\
	if (__builtin_expect(__ret_warn_on, 0))				\
		__WARN_FLAGS(BUGFLAG_WARNING | BUGFLAG_TAINT(9));	\
	__builtin_expect(__ret_warn_on, 0);				\
})

/* asm/asm.h */
#define _ASM_EXTABLE_TYPE(from, to, type)				\
	" .pushsection \"__ex_table\",\"a\"\n"				\
	" .balign 4\n"							\
	" .long (" #from ") - .\n"					\
	" .long (" #to ") - .\n"					\
	" .long " #type " \n"						\
	" .popsection\n"
#define EX_TYPE_UACCESS 3

/* asm/jump_label.h, !CONFIG_HAVE_JUMP_LABEL_HACK */
static __attribute__((always_inline)) inline int
arch_static_branch(struct static_key *const key, const int branch)
{
	asm goto("1:"
		 ".byte 0x0f,0x1f,0x44,0x00,0x00\n\t"
		 ".pushsection __jump_table,  \"aw\" \n\t"
		 ".balign 4\n\t"
		 ".long 1b - . \n\t"
		 ".long %l[l_yes] - . \n\t"
		 ".long %c0 + %c1 - .\n\t"
		 ".popsection \n\t"
		 : : "i" (key), "i" (branch) : : l_yes);
	return 0;
l_yes:
	return 1;
}

/* asm/alternative.h */
#define ALTERNATIVE(oldinstr, newinstr, feature)			\
	"661:\n\t" oldinstr "\n662:\n"					\
	".skip -(((6651f-6641f)-(662b-661b)) > 0) * "			\
		"((6651f-6641f)-(662b-661b)),0x90\n"			\
	"663:\n"							\
	".pushsection .altinstructions,\"a\"\n"				\
	" .long 661b - .\n"						\
	" .long 6641f - .\n"						\
	" .word " #feature "\n"						\
	" .byte 663b-661b\n"						\
	" .byte 6651f-6641f\n"						\
	".popsection\n"							\
	".pushsection .altinstr_replacement, \"ax\"\n"			\
	"6641:\n\t" newinstr "\n6651:\n"				\
	".popsection\n"

/* asm/paravirt_types.h */
#define paravirt_alt(insn, type, clobber)				\
	"771:\n\t" insn "\n" "772:\n"					\
	".pushsection .parainstructions,\"a\"\n"			\
	" .balign 4\n"							\
	" .long 771b\n"							\
	"  .byte " #type "\n"						\
	"  .byte 772b-771b\n"						\
	"  .short " #clobber "\n"					\
	" .balign 4\n"							\
	".popsection\n"

/* asm/alternative.h, CONFIG_SMP */
#define LOCK_PREFIX							\
	".pushsection .smp_locks,\"a\"\n"				\
	".balign 4\n"							\
	".long 671f - .\n"						\
	".popsection\n"							\
	"671:"								\
	"\n\tlock; "

/* linux/kernel.h: might_sleep() passes __LINE__ in a register */
extern void __might_sleep(const char *file, int line);
#define might_sleep() __might_sleep(__FILE__, __LINE__)

/* include/linux/export.h with HAVE_ARCH_PREL32_RELOCATIONS (i386) */
#define EXPORT_SYMBOL(sym) EXPORT_SYMBOL_NS(sym, "")
#define EXPORT_SYMBOL_NS(sym, ns)						\
	extern typeof(sym) sym;							\
	asm("	.section \"__ksymtab_strings\",\"aMS\",%progbits,1	\n"	\
	    "__kstrtab_" #sym ":					\n"	\
	    "	.asciz 	\"" #sym "\"					\n"	\
	    "__kstrtabns_" #sym ":					\n"	\
	    "	.asciz 	\"" ns "\"					\n"	\
	    "	.previous						\n"	\
	    "	.section \"___ksymtab+" #sym "\", \"a\"			\n"	\
	    "	.balign	4						\n"	\
	    "__ksymtab_" #sym ":					\n"	\
	    "	.long	" #sym "- .					\n"	\
	    "	.long	__kstrtab_" #sym "- .				\n"	\
	    "	.long	__kstrtabns_" #sym "- .				\n"	\
	    "	.previous						\n")

/*
 * include/linux/init.h with HAVE_ARCH_PREL32_RELOCATIONS, no LTO: a label
 * (no symbol type) and a relative pointer in .initcallN.init.  The kernel's
 * label is __initcall__kmod_MOD__ID_LINE_FNN and __ADDRESSABLE(fn) keeps a
 * static fn; the fixtures' init functions are global instead.
 */
#define __define_initcall(fn, id)					\
	asm(".section	\".initcall" #id ".init\", \"a\"	\n"		\
	    "__initcall_" #fn #id ":				\n"		\
	    ".long	" #fn " - .				\n"		\
	    ".previous						\n")
#define late_initcall(fn) __define_initcall(fn, 7)

#endif
