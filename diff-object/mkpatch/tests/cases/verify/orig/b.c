/* the source the fake vmlinux was built from: the originals are its code */
#include "../../../kernel/b.c"
