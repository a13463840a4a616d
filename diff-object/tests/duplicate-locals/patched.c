extern void ext(const char *, int);
/* report_b first: the numbering of the same-named statics swaps */
static void report_b(int v) { static const char name[] = "beta"; static int calls; calls += 3; ext(name, v + calls); }
static void report_a(int v) { static const char name[] = "alpha"; static int calls; calls++; ext(name, v + calls); }
void b(int v) { report_b(v); }
void a(int v) { report_a(v); }
