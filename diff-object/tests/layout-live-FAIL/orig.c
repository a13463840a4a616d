/* a .c-local struct of live data: its layout cannot change under it */
extern void ext(int);
struct cache { int hits; int misses; };
static struct cache cache;
void hit(int a) { cache.hits += a; ext(cache.hits); }
