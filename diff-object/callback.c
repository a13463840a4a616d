/* callback.h: what both tools know of a callback entry. */
#include <stddef.h>

#include "callback.h"

const char *callback_type_name(uint32_t type)
{
	switch (type) {
	case LKHP_CB_PRE_PATCH:		return "pre-patch";
	case LKHP_CB_POST_PATCH:	return "post-patch";
	case LKHP_CB_PRE_UNPATCH:	return "pre-unpatch";
	case LKHP_CB_POST_UNPATCH:	return "post-unpatch";
	case LKHP_CB_REMOVE:		return "remove";
	default:			return NULL;
	}
}
