/* an opcode the decoder does not know (0f 04): g cannot leave .sched.text alone */
#define S __attribute__((section(".sched.text"), noinline))
extern void ext(int);
S int g(int a) { if (a == 42) asm volatile(".byte 0x0f, 0x04"); ext(a); return a; }
S int h(int a) { ext(a); return a + 1; }
