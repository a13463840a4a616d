/* the source fakemod.ko was built from: the originals are its code */
#include "../../../../kernel/fakemod/main.c"
