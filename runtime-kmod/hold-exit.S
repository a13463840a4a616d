/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The task_work of a hold (move.c): wait, then drop lkhp.ko's reference by
 * a jump, so that module_put() returns to the work's caller in the kernel
 * and no lkhp.ko instruction runs once the module may go.
 */
#include <linux/linkage.h>

SYM_FUNC_START(lkhp_hold_run)
	pushl	%ebp
	movl	%esp, %ebp
	call	lkhp_hold_wait		/* %eax: the work, as we were given it */
	popl	%ebp
#ifdef CONFIG_MODULE_UNLOAD
	movl	$__this_module, %eax
	jmp	module_put
#else
	RET
#endif
SYM_FUNC_END(lkhp_hold_run)
