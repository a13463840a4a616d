/* the parameters differ only below nine levels of pointers */
int take(int **********v) { return v != 0; }
