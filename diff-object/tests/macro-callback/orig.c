int counter;
int untouched(int a) { return a * 3 + counter; }
