/*
 * gcc reaches A[i - 1] as "A - 4 + 4*i" and &A[4] as "A + 16": the
 * relocation's addend points before or past the section of a static,
 * which still belongs to that static.
 */
static int bss_v[4];
static int data_v[4] = { 1, 2, 3, 4 };
static const int ro_v[4] = { 5, 6, 7, 8 };
/* two statics in one section (gcc puts rm_b first): an address outside
 * the section belongs to the nearest of them */
static int rm_a[2] __attribute__((section(".data..read_mostly")));
static int rm_b[2] __attribute__((section(".data..read_mostly")));
extern void ext(const int *);

int bss_before(int i) { return bss_v[i - 1] + 1; }
int data_before(int i) { return data_v[i - 1] + 1; }
int ro_before(int i) { return ro_v[i - 1] + 1; }
void past(void) { ext(&bss_v[4]); ext(&data_v[4]); ext(&ro_v[4]); ext(0); }
void set(int i, int v) { bss_v[i] = v; data_v[i] = v; }
int rm_before(int i) { return rm_b[i - 1] + 1; }
void rm_past(void) { ext(&rm_a[2]); ext(1 ? &rm_b[1] : 0); }
void rm_set(int i) { rm_a[i] = i; rm_b[i] = i; }
