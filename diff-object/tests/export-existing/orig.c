#include "kasm.h"
extern void ext(int);
int user(int a) { ext(a); return a + 1; }
