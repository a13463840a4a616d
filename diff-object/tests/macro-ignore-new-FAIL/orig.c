int runtime(int a) { return a * 3; }
