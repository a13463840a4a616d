#include "anon-chain.h"
/* deeper than any fixed depth a comparison might stop at */
ANON_CHAIN(64, 1)
