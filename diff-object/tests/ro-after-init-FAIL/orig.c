int boot_mode __attribute__((section(".data..ro_after_init"))) = 1;
int mode(void) { return boot_mode; }
