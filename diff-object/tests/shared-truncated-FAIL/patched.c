/* t ends inside an instruction (mov 0x0(%eax),%eax cut after 2 of its 4 displacement bytes): t cannot leave .sched.text alone */
#define S __attribute__((section(".sched.text"), noinline))
extern void ext(int);
asm(".pushsection .sched.text, \"ax\"\n.globl t\n.type t, @function\n"
    "t: nop\nret\n.byte 0x8b, 0x80, 0, 0\n.size t, . - t\n.popsection");
S int h(int a) { ext(a); return a + 1; }
