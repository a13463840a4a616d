/* Something in the callbacks section that is not struct lkhp_callback. */
#include "lkhp-macros.h"

int untouched(int a) { return a * 3; }

static const int bad[2] __used __section(LKHP_CALLBACK_SECTION) = { 1, 2 };
