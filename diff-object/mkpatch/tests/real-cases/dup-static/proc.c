/*
 * arch/x86/kernel/cpu/proc.c's static c_start: vmlinux has two c_start,
 * this one first (sympos 1) and fs/proc/consoles.c's (sympos 2).
 */
#include "../../kernel.h"

struct seq_file;
extern char *saved_command_line;	/* not exported */
int seq_puts(struct seq_file *m, const char *s);	/* exported */
KERNEL_STATIC(char, consoles_c_start, "consoles.c", "c_start");

static __attribute__((used, noinline)) void *c_start(struct seq_file *m, long long *pos)
{
	seq_puts(m, saved_command_line);
	return *pos ? (void *)&consoles_c_start : 0;
}
