#include "kasm.h"
extern void ext(int);
extern void slow_barrier(void);
extern void fast_barrier(void);
extern void *pv_irq_ops[8];
static inline void barrier_alt(void)
{
	asm volatile(ALTERNATIVE("call slow_barrier", "call fast_barrier", 42)
		     : : : "eax", "ecx", "edx", "memory");
}
static inline void pv_irq_disable(void)
{
	asm volatile(paravirt_alt("call *pv_irq_ops+8", 3, 1)
		     : : : "eax", "ecx", "edx", "memory");
}
static inline void atomic_inc(int *v)
{
	asm volatile(LOCK_PREFIX "incl %0" : "+m" (*v));
}
int counter;
void patched_fn(int a)
{
	barrier_alt();
	pv_irq_disable();
	atomic_inc(&counter);
	ext(a + 1);
}
void unchanged_fn(int a)
{
	barrier_alt();
	pv_irq_disable();
	atomic_inc(&counter);
	ext(-a);
}
