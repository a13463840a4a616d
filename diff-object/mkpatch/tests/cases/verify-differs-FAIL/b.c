/* the changes of basic/; what this case varies is orig/ */
#include "../basic/b.c"
