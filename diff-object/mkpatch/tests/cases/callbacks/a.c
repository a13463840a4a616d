/* a_func changed; a pre-patch callback using a shadow variable and a hidden function. */
#include "lkhp-macros.h"
#include "../../kernel.h"

int a_func(int x)
{
	return x * 7 + hidden_fn(x);
}

static int a_pre(struct lkhp_object *obj)
{
	return lkhp_shadow_get(obj, 1) ? 0 : hidden_fn(1);
}
LKHP_PRE_PATCH_CALLBACK(a_pre);
