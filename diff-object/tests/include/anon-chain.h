/*
 * ANON_CHAIN(N, LAST): N + 1 symbol-less sections .rodata.chain0..N, each
 * pointing to the next, the last holding LAST; first() reads the first.
 * Only a comparison that follows the chain to its end sees LAST change.
 */
#define ANON_STR_(x) #x
#define ANON_STR(x) ANON_STR_(x)
#define ANON_CHAIN(N, LAST)						\
	__asm__(".altmacro\n"						\
		".macro link from, to\n"				\
		" .section .rodata.chain\\from, \"a\"\n"		\
		" .long .rodata.chain\\to\n"				\
		".endm\n"						\
		".set i, 0\n"						\
		".rept " ANON_STR(N) "\n"				\
		" link %i, %(i + 1)\n"					\
		" .set i, i + 1\n"					\
		".endr\n"						\
		".section .rodata.chain" ANON_STR(N) ", \"a\"\n"	\
		".long " ANON_STR(LAST) "\n"				\
		".previous\n"						\
		".noaltmacro\n");					\
	extern const int chain0 __asm__(".rodata.chain0");		\
	int first(void) { return chain0; }
