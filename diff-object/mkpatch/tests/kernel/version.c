/* Compiled without -pg: the banner and the KASLR anchors of the fake vmlinux. */
const char linux_banner[] =
	"Linux version 6.1.0-lkhp-unit (unit@test) (gcc (Unit 12.2.0) 12.2.0, GNU ld (Unit) 2.40) "
	"#1 SMP PREEMPT Unit Test\n";

void _printk(void)
{
}

/* the data anchor: an exported variable in .data */
int init_uts_ns[8] = { 1 };

/* A branch gas made short here; verify-relaxed/ compiles it near, as gas
 * does for a function that shares .text with others. */
asm(".text\n.globl relaxed\n.type relaxed, @function\n.p2align 4\nrelaxed:\n"
    "\ttestl %eax, %eax\n\tjne 1f\n\tmovl $1, %eax\n1:\tret\n"
    "\t.byte 0x8d, 0x74, 0x26, 0x00\n\t.size relaxed, . - relaxed\n");
