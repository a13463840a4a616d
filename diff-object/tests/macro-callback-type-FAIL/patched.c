/* An entry written by hand, of no LKHP_CB_* type. */
#include "lkhp-macros.h"

int untouched(int a) { return a * 3; }

static void my_post(struct lkhp_object *obj) { }
static const struct lkhp_callback bad __used __section(LKHP_CALLBACK_SECTION) = {
	.type = 9,
	.fn.post = my_post,
};
