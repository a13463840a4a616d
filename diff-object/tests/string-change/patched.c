extern int printk(const char *fmt, ...);
void hello(int a) { printk("HELLO %d\n", a); }
void other(int a) { printk("other %d\n", a); }
