#include "kasm.h"
extern void ext(int);
static int count;
int first(int a) { WARN_ON(a > 3); count++; ext(a); return a + 1; }
int second(int a) { might_sleep(); return a * 2 + count; }
