extern void ext(int);
static __attribute__((noinline)) int clamp(int v) { ext(v); return v < 0 ? 0 : v; }
int caller_changed(int v) { return clamp(v) + 1; }
int caller_same(int v) { return clamp(v + 1); }
/* global: callers in other objects of the running kernel exist */
int scale(int v) { ext(v); return v * 3; }
