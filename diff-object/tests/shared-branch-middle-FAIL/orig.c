/* a jump into the middle of a sibling (assembly does this): not carriable alone */
#define S __attribute__((section(".sched.text"), noinline))
extern void ext(int);
static S void inner(int a) { ext(a); ext(a + 1); }
S int g(int a) { if (a == 42) asm volatile("jmp inner + 8"); ext(a); inner(a); return a; }
