struct lkhp_object;
void existing(struct lkhp_object *obj) { asm volatile("" ::: "memory"); }
int changed(int a) { return a * 3; }
