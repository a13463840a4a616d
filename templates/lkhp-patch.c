// SPDX-License-Identifier: GPL-2.0
/*
 * LKHP patch module template.
 *
 * lkhp-build links this file with the patch object (the new and changed
 * functions, see diff-object/) and the header lkhp-mkpatch generates,
 * lkhp-tables.h: LKHP_META_* (patch name, kernel release/version, anchor
 * addresses, flags, source checksum), lkhp_funcs[] (functions to replace),
 * lkhp_relocs[] (references lkhp.ko resolves: non-exported kernel symbols,
 * other modules' exports), LKHP_ALIASES (the other names kallsyms may show
 * at the addresses they name), LKHP_CALLBACKS (the lkhp-macros.h callbacks,
 * a section of the patch object) and LKHP_JUMP_TABLES (its static branches
 * on module keys, sections of it).
 * Loading the module registers the patch (lkhp.ko does, when the loader
 * announces the module), and lkhp.ko enables it once the module is live; unloading it (only possible while it is disabled)
 * unregisters it.
 */
#define pr_fmt(fmt) KBUILD_MODNAME ": " fmt

#include <linux/module.h>
#include <lkhp/patch.h>

#include "lkhp-tables.h"

/* Named for lkhp.ko, which registers it when the module loader announces
 * the module (LKHP_PATCH_VAR, lkhp/consts.h). */
struct lkhp_patch LKHP_PATCH_VAR = {
	.abi_version	= LKHP_ABI_VERSION,
	.struct_size	= sizeof(struct lkhp_patch),
	.func_size	= sizeof(struct lkhp_patch_func),
	.reloc_size	= sizeof(struct lkhp_patch_reloc),
	.name		= LKHP_META_NAME,
	.mod		= THIS_MODULE,
	.kernel_release	= LKHP_META_RELEASE,
	.kernel_version	= LKHP_META_VERSION,
	.anchor_addr	= LKHP_META_ANCHOR_ADDR,
	.data_anchor_addr = LKHP_META_DATA_ANCHOR_ADDR,
	.flags		= LKHP_META_FLAGS,
	.nr_funcs	= ARRAY_SIZE(lkhp_funcs),
	.funcs		= lkhp_funcs,
	.nr_relocs	= LKHP_NR_RELOCS,
	.relocs		= LKHP_RELOCS,
	.nr_callbacks	= LKHP_NR_CALLBACKS,
	.callbacks	= LKHP_CALLBACKS,
	.aliases	= LKHP_ALIASES,
	.nr_jump_tables	= LKHP_NR_JUMP_TABLES,
	.jump_tables	= LKHP_JUMP_TABLES,
};

static int __init lkhp_patch_init(void)
{
	return lkhp_register_patch(&LKHP_PATCH_VAR);
}

static void __exit lkhp_patch_exit(void)
{
	lkhp_unregister_patch(&LKHP_PATCH_VAR);
}

module_init(lkhp_patch_init);
module_exit(lkhp_patch_exit);
MODULE_LICENSE("GPL");
MODULE_DESCRIPTION("LKHP live patch " LKHP_META_NAME);
MODULE_INFO(lkhp_patch, LKHP_META_NAME);
MODULE_INFO(lkhp_kernel, LKHP_META_RELEASE " " LKHP_META_VERSION);
MODULE_INFO(lkhp_source_sha256, LKHP_META_SOURCE_SHA256);
