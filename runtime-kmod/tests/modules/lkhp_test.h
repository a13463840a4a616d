/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Hand-written LKHP test patches: what lkhp-build will generate, spelled
 * out. syms.h (generated at build time from the test kernel's vmlinux by
 * diff-object/tests/tools/vmlinux-syms) gives the link-time address, size
 * and patch-site offset of each target.
 */
#ifndef _LKHP_TEST_H
#define _LKHP_TEST_H

#include <linux/module.h>
#include <generated/utsrelease.h>
#include <generated/utsversion.h>
#include <lkhp/patch.h>
#include "syms.h"

/* A function record for vmlinux function @sym, replaced by @new. */
#ifndef LKHP_TEST_ADDR_SKEW
#define LKHP_TEST_ADDR_SKEW 0	/* != 0: as if built for another kernel */
#endif
#define LKHP_TEST_FUNC(sym, new) {				\
	.old_name = #sym,					\
	.old_addr = SYM_##sym##_ADDR + LKHP_TEST_ADDR_SKEW,	\
	.old_size = SYM_##sym##_SIZE,				\
	.site_offset = SYM_##sym##_SITE,			\
	.new_func = (new),					\
}

/* A relocation against vmlinux symbol @sym at @where. */
#define LKHP_TEST_RELOC(sym, where, rtype, add) {		\
	.sym_name = #sym,					\
	.sym_addr = SYM_##sym##_ADDR,				\
	.sym_size = SYM_##sym##_SIZE,				\
	.place = (where),					\
	.type = (rtype),					\
	.addend = (add),					\
}

#ifndef LKHP_TEST_VERSION_STRING
#define LKHP_TEST_VERSION_STRING UTS_VERSION
#endif

/* The patch, defined by LKHP_TEST_PATCH() in the test module. */
static struct lkhp_patch lkhp_test_patch;

#ifdef LKHP_TEST_PREPARE
/* The test module's own step before registering (e.g. corrupt the tables). */
static void LKHP_TEST_PREPARE(struct lkhp_patch *p);
#endif

#ifdef LKHP_TEST_AFTER_REGISTER
/* The test module's own step after registering: what its init returns. */
static int LKHP_TEST_AFTER_REGISTER(int registered);
#endif

/* Register on load, unregister on unload. */
static int __init lkhp_test_init(void)
{
	int ret;

#ifdef LKHP_TEST_PREPARE
	LKHP_TEST_PREPARE(&lkhp_test_patch);
#endif
	ret = lkhp_register_patch(&lkhp_test_patch);
#ifdef LKHP_TEST_AFTER_REGISTER
	ret = LKHP_TEST_AFTER_REGISTER(ret);
#endif
	return ret;
}

static void __exit lkhp_test_exit(void)
{
	lkhp_unregister_patch(&lkhp_test_patch);
}

module_init(lkhp_test_init);
module_exit(lkhp_test_exit);
MODULE_LICENSE("GPL");

#define LKHP_TEST_PATCH(pname, pflags, pfuncs, prelocs, nrelocs)	\
	LKHP_TEST_PATCH_N(pname, pflags, pfuncs, ARRAY_SIZE(pfuncs),	\
			  prelocs, nrelocs)

/* The same, with the first @nfuncs entries of @pfuncs. */
#define LKHP_TEST_PATCH_N(pname, pflags, pfuncs, nfuncs, prelocs, nrelocs) \
static struct lkhp_patch lkhp_test_patch = {				\
	.abi_version = LKHP_ABI_VERSION,				\
	.struct_size = sizeof(struct lkhp_patch),			\
	.func_size = sizeof(struct lkhp_patch_func),			\
	.reloc_size = sizeof(struct lkhp_patch_reloc),			\
	.name = pname,							\
	.mod = THIS_MODULE,						\
	.kernel_release = UTS_RELEASE,					\
	.kernel_version = LKHP_TEST_VERSION_STRING,			\
	.anchor_addr = LKHP_TEST_ANCHOR_ADDR,				\
	.data_anchor_addr = LKHP_TEST_DATA_ANCHOR_ADDR,			\
	.flags = pflags,						\
	.nr_funcs = nfuncs,						\
	.funcs = pfuncs,						\
	.nr_relocs = nrelocs,						\
	.relocs = prelocs,						\
}

#endif /* _LKHP_TEST_H */
