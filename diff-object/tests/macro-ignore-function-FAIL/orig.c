int table[4];
int runtime(int a) { return a * 3; }
