// SPDX-License-Identifier: GPL-2.0
/* short.c with the 5-byte jmp rel32 redirect */
#define SHORT_JMP
#include "short.c"
