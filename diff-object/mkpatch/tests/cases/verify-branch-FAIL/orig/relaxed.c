/* a near jne to another instruction (the mov, not the ret): other code */
asm(".text\n.globl relaxed\n.type relaxed, @function\nrelaxed:\n"
    "\ttestl %eax, %eax\n\t.byte 0x0f, 0x85\n\t.long 0\n\tmovl $1, %eax\n\tret\n"
    "\t.size relaxed, . - relaxed\n");
