/* XOP (8f with ModRM.reg not 0, not pop r/m): g cannot leave .sched.text alone */
#define S __attribute__((section(".sched.text"), noinline))
extern void ext(int);
S int g(int a) { if (a == 42) asm volatile(".byte 0x8f, 0xe9, 0x78, 0xc1, 0xc0"); ext(a); return a + 3; }
S int h(int a) { ext(a); return a + 1; }
