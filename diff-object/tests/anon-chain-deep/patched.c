#include "anon-chain.h"
ANON_CHAIN(64, 2)
