int take(int ***********v) { return v == 0; }
