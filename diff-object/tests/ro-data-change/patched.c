static const int limits[4] = { 10, 20, 35, 40 };
int limit(unsigned i) { return i < 4 ? limits[i] : -1; }
int other(int a) { return a + 1; }
