/* static_assert comes from <assert.h> outside the kernel. */
#include <assert.h>
