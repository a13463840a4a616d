/* the source of the fake vmlinux's second c.c */
#include "../../../kernel/c2/c.c"
