/* the kernel's relaxed() with its jne near (0f 85) and no padding: the same code */
asm(".text\n.globl relaxed\n.type relaxed, @function\nrelaxed:\n"
    "\ttestl %eax, %eax\n\t.byte 0x0f, 0x85\n\t.long 5\n\tmovl $1, %eax\n\tret\n"
    "\t.size relaxed, . - relaxed\n");
