/* two functions' own struct rec of two layouts (perf_aux_event of
 * kernel/events/core.c): each is compared with its own, whichever gcc emits
 * first */
extern void ext(const void *p, unsigned long n);
void first(int x) { struct rec { int a; } r = { x }; ext(&r, sizeof(r)); }
void second(long long y) { struct rec { long long b; int c; } r = { y, 1 }; ext(&r, sizeof(r)); }
