int untouched(int a) { return a * 3; }
