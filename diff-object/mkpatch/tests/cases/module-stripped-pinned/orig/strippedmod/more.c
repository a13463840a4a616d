/* the source of strippedmod's more.c: its statics, in order, find its block */
#include "../../../../kernel/fakemod/more.c"
