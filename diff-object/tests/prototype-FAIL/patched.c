extern void ext(int);
static __attribute__((noinline)) long long scale(int v) { ext(v); return (long long)v * 3; }
int caller_changed(int v) { return (int)scale(v) + 2; }
int caller_same(int v) { return scale(v + 1); }
