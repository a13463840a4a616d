int boot_mode __attribute__((section(".data..ro_after_init"))) = 2;
int mode(void) { return boot_mode; }
