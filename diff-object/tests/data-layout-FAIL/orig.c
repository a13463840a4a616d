struct stats { int hits; int misses; };
struct stats stats;
static struct stats local_stats;
void hit(void) { stats.hits++; local_stats.hits++; }
