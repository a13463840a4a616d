extern void ext(const char *, int);
static void report_a(int v) { static const char name[] = "alpha"; static int calls; calls++; ext(name, v + calls); }
static void report_b(int v) { static const char name[] = "beta"; static int calls; calls += 2; ext(name, v + calls); }
void a(int v) { report_a(v); }
void b(int v) { report_b(v); }
