/* a changed __initdata value: boot read it once, a patch cannot change what boot did */
int boot_limit __attribute__((section(".init.data"))) = 4;
__attribute__((section(".init.text"), cold, noinline)) int setup_limit(void) { return boot_limit * 2; }
int runtime(int a) { return a * 3; }
