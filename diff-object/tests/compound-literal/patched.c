/*
 * A file-scope compound literal is a numbered writable static no code
 * uses: it pairs by name, and ops_ptr pointing to it stays the same.
 */
struct ops { int (*f)(int); int n; };
static int impl(int a) { return a + 1; }
struct ops *ops_ptr = &(struct ops){ impl, 3 };
int use(int a) { return ops_ptr->f(a) + 2; }
