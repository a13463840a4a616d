/* Compiled without -pg: the banner and the KASLR anchors of the fake vmlinux. */
const char linux_banner[] =
	"Linux version 6.1.0-lkhp-unit (unit@test) (gcc (Unit 12.2.0) 12.2.0, GNU ld (Unit) 2.40) "
	"#1 SMP PREEMPT Unit Test\n";

void _printk(void)
{
}

/* the data anchor: an exported variable in .data */
int init_uts_ns[8] = { 1 };
