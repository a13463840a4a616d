/* A COMDAT section group in the input: refused, never copied half-way. */
#include "../../kernel.h"

asm(".section .text.grp,\"axG\",@progbits,grp_sig,comdat\n"
    ".globl grp_sig\ngrp_sig: ret\n.previous\n");

int b_func(int x)
{
	return x + 42;
}
