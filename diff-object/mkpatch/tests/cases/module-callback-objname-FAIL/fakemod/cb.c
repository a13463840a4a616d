/* An object of fakemod whose callback names othermod. */
#undef KBUILD_MODNAME
#define KBUILD_MODNAME "othermod"
#include "lkhp-macros.h"
#include "../../../kernel.h"

int fm_func(int x)
{
	return x * 9;
}

static void fm_post(struct lkhp_object *obj)
{
	exported_fn(2);
}
LKHP_POST_PATCH_CALLBACK(fm_post);
