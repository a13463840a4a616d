/* fm_func changed; a post-patch callback of fakemod (objname KBUILD_MODNAME). */
#include "lkhp-macros.h"
#include "../../../kernel.h"

int fm_func(int x)
{
	return x * 9 + hidden_fn(x);
}

static void fm_post(struct lkhp_object *obj)
{
	fm_export(obj->mod ? 1 : 0);
}
LKHP_POST_PATCH_CALLBACK(fm_post);
