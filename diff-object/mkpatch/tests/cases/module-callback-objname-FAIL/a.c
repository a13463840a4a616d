/* An object of vmlinux with a callback of fakemod, written by hand. */
#include "lkhp-macros.h"
#include "../../kernel.h"

int a_func(int x)
{
	return x * 7;
}

static void a_post(struct lkhp_object *obj)
{
	exported_fn(1);
}
static const struct lkhp_callback wrong __used __section(LKHP_CALLBACK_SECTION) = {
	.objname = "fakemod",
	.type = LKHP_CB_POST_PATCH,
	.fn.post = a_post,
};
