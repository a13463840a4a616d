/* a ___ksymtab+ entry whose value field has no relocation (hand-written asm): it names no symbol */
#include "kasm.h"
int f(int a) { return a + 1; }
asm("	.section \"__ksymtab_strings\",\"aMS\",%progbits,1\n"
    "__kstrtab_f:	.asciz \"f\"\n"
    "__kstrtabns_f:	.asciz \"\"\n"
    "	.section \"___ksymtab+f\", \"a\"\n"
    "	.balign 4\n"
    "__ksymtab_f:\n"
    "	.long 0\n"
    "	.long __kstrtab_f - .\n"
    "	.long __kstrtabns_f - .\n"
    "	.previous\n");
