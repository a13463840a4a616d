extern void ext(int);
static __attribute__((noinline)) int clamp(unsigned v) { ext(v); return v > 100 ? 100 : v; }
int caller_changed(int v) { return clamp(v) + 2; }
int caller_same(int v) { return clamp(v + 1); }
long long scale(int v) { ext(v); return (long long)v * 3; }
