/* The only change: callbacks, one of them using a shadow variable. */
#include "lkhp-macros.h"

int counter;
int untouched(int a) { return a * 3 + counter; }

static int my_pre(struct lkhp_object *obj)
{
	return lkhp_shadow_get(&counter, 1) ? -1 : 0;
}
LKHP_PRE_PATCH_CALLBACK(my_pre);

static void my_remove(void)
{
	lkhp_shadow_free_all(1, 0);
}
LKHP_REMOVE_CALLBACK(my_remove);
