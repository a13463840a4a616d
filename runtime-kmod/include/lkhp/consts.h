/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The facts lkhp.ko, the patch-module template, the CLI and the build tools
 * (diff-object/) must agree on, written once.  Plain defines without any
 * include: kernel and user space read the same file.
 */
#ifndef _LKHP_CONSTS_H
#define _LKHP_CONSTS_H

/*
 * The LKHP release: lkhp.ko's MODULE_VERSION, `lkhp --version`, and the
 * upstream part of the Debian package versions (scripts/lib.sh lkhp_version,
 * checked against debian/changelog by scripts/mkdeb).
 */
#define LKHP_VERSION		"1.0"

/* The redirect written at a site: ljmp $__KERNEL_CS, $new (ea imm32 imm16). */
#define LKHP_LJMP_OPCODE	0xea
#define LKHP_LJMP_SIZE		7
/*
 * The short one, where the ljmp does not fit (LKHP_FUNC_JMP_REL32):
 * jmp rel32 (e9 imm32); the displacement wraps, so it reaches all of i386.
 * A reader of the redirect's bytes tells them apart by the opcode.
 */
#define LKHP_JMP_OPCODE		0xe9
#define LKHP_JMP_SIZE		5

/* struct lkhp_patch_func.site_offset: where the redirect goes. */
#define LKHP_SITE_ENTRY		0	/* function entry (no ftrace site) */
#define LKHP_SITE_FENTRY	5	/* just past the 5-byte `call __fentry__` */

/* struct lkhp_patch_reloc.type: the i386 ELF numbers. */
#define LKHP_R_386_32		1	/* *place = S + A */
#define LKHP_R_386_PC32		2	/* *place = S + A - place */

/*
 * The exported symbol whose runtime address, minus the link-time address the
 * patch carries (struct lkhp_patch.anchor_addr), gives the KASLR offset.
 */
#define LKHP_ANCHOR_SYMBOL	"_printk"

/*
 * An exported variable (in .data) checked the same way: i386 KASLR moves the
 * whole image by one offset, so the data of the kernel the patch was built
 * for lies where its vmlinux says only if this one agrees.  Without
 * CONFIG_KALLSYMS_ALL (Debian's kernel) nothing else can vouch for a data
 * address: kallsyms names text only.
 */
#define LKHP_DATA_ANCHOR_SYMBOL	"init_uts_ns"

/*
 * The kernel's dynamic debug descriptors (pr_debug()): a patch carries its
 * own copy of each one its code uses, which the module loader registers
 * under the patch module's name, with the static key its __jump_table
 * entries name.  Their contents (line numbers) may change.
 */
#define LKHP_DYNDBG_SECTION	"__dyndbg"
/*
 * The word of a descriptor that holds its line (lineno:18, class_id:6,
 * flags:8 after four pointers, i386 6.1): the one part that changes
 * without the message changing.
 */
#define LKHP_DYNDBG_LINE_OFF	16

/*
 * A patch module's struct lkhp_patch is named LKHP_PATCH_VAR: lkhp.ko finds
 * it in the module's symbol table when the loader announces the module
 * (MODULE_STATE_COMING), before the jump-label and static-call notifiers
 * read its __jump_table, and registers it then.
 */
#define LKHP_PATCH_VAR		__lkhp_patch
#define LKHP_STRINGIFY_(x)	#x
#define LKHP_STRINGIFY(x)	LKHP_STRINGIFY_(x)
#define LKHP_PATCH_SYMBOL	LKHP_STRINGIFY(LKHP_PATCH_VAR)

/*
 * The sections lkhp-macros.h writes into a patch's source objects.
 * LKHP_CALLBACK_SECTION holds struct lkhp_callback entries (lkhp/patch.h),
 * which the patch module carries; lkhp-diff reads the others and drops
 * them: pointers to functions to leave out of the patch, to section names
 * to leave out, to functions switched without the stack check, and pairs
 * of pointers to strings (a type, the reason its new layout is safe).
 */
#define LKHP_CALLBACK_SECTION		".lkhp.callbacks"
#define LKHP_IGNORE_FUNCTIONS_SECTION	".lkhp.ignore.functions"
#define LKHP_IGNORE_SECTIONS_SECTION	".lkhp.ignore.sections"
#define LKHP_FORCE_UNSAFE_SECTION	".lkhp.force_unsafe"
#define LKHP_LAYOUT_SAFE_SECTION	".lkhp.layout_safe"

/* struct lkhp_callback.type: when it runs. */
#define LKHP_CB_PRE_PATCH	1	/* before the object is switched to the patch */
#define LKHP_CB_POST_PATCH	2	/* after */
#define LKHP_CB_PRE_UNPATCH	3	/* before it is switched back */
#define LKHP_CB_POST_UNPATCH	4	/* after */
#define LKHP_CB_REMOVE		5	/* when a patch once enabled is removed */
/* struct lkhp_callback (lkhp/patch.h), for the tools, which cannot include it */
#define LKHP_CALLBACK_SIZE		12
#define LKHP_CALLBACK_OBJNAME_OFF	0	/* const char *objname */
#define LKHP_CALLBACK_TYPE_OFF		4	/* __u32 type */
#define LKHP_CALLBACK_FN_OFF		8	/* the function */

/* How a patch object names the kernel's static NAME of source FILE. */
#define LKHP_LOCAL_PREFIX	"__lkhp_local/"	/* + FILE "/" NAME */

/*
 * Entry layouts of the i386 6.1 kernel's special sections that the tools
 * read without DWARF (vmlinux has none in a plain build):
 *   __jump_table       s32 code, s32 target, long key (HAVE_ARCH_JUMP_LABEL_RELATIVE);
 *                      the branch at code is a 2- or 5-byte jmp or nop
 *   .altinstructions   s32 instr, s32 repl, u16 cpuid, u8 instrlen, u8 replacementlen
 *   .parainstructions  u32 instr, u8 type, u8 len, u16 clobbers
 */
#define LKHP_JUMP_ENTRY_SIZE		12
#define LKHP_JUMP_SITE_MAX		5
#define LKHP_JUMP_KEY_OFF		8
/*
 * The section of a patch module that holds its static branches on the keys
 * of module NAME: LKHP_JUMP_SECTION_PREFIX NAME (struct lkhp_jump_table).
 */
#define LKHP_JUMP_SECTION_PREFIX	".lkhp.jump_table."
#define LKHP_ALT_INSTR_SIZE		12
#define LKHP_ALT_INSTRLEN_OFF		10
#define LKHP_ALT_REPLLEN_OFF		11
#define LKHP_PARAVIRT_SITE_SIZE		8
#define LKHP_PARAVIRT_LEN_OFF		5

#endif /* _LKHP_CONSTS_H */
