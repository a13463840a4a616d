#include "anon-chain.h"
/* deeper than lkhp-diff follows: an error, never "same" */
ANON_CHAIN(5000, 1)
