static __attribute__((noinline)) int looping(int a) { asm volatile("" ::: "memory"); return a * 3; }
int same(int a) { return a + 1; }
int entry(int a) { return looping(a) + same(a); }
