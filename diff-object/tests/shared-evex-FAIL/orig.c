/* EVEX (62 with a register ModRM in 32-bit mode, not bound): g cannot leave .sched.text alone */
#define S __attribute__((section(".sched.text"), noinline))
extern void ext(int);
S int g(int a) { if (a == 42) asm volatile(".byte 0x62, 0xf1, 0x7c, 0x48, 0x10, 0xc1"); ext(a); return a; }
S int h(int a) { ext(a); return a + 1; }
