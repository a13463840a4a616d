/* Only a callback: the patch replaces nothing, which is still no patch. */
#include "lkhp-macros.h"
#include "../../kernel.h"

static void a_remove(void)
{
	lkhp_shadow_free_all(1, 0);
}
LKHP_REMOVE_CALLBACK(a_remove);
