extern void ext(int);
static __attribute__((noinline)) int scale(int v) { ext(v); return v * 3; }
int caller_changed(int v) { return scale(v) + 1; }
int caller_same(int v) { return scale(v + 1); }
