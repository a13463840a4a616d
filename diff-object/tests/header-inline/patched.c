#include "patched-inl.h"
int user1(int v) { return scale(v) + 5; }
int user2(int v) { return scale(v << 1); }
int bystander(int v) { return v - 9; }
