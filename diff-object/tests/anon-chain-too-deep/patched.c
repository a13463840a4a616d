#include "anon-chain.h"
ANON_CHAIN(5000, 2)
