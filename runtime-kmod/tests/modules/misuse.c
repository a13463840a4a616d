// SPDX-License-Identifier: GPL-2.0
/*
 * Breaks the module ABI on request: a write to its parameter unregister
 * unregisters its patch while it is enabled (only the module's exit may,
 * and exit runs only once the patch is disabled). lkhp.ko disables it
 * first; when that fails as well, the patch must stay, broken.
 */
#define CMDLINE_NAME "misuse"
#define CMDLINE_MARKER "lkhp-misuse-patched"
#include "cmdline.c"

static int misuse_unregister(const char *val, const struct kernel_param *kp)
{
	lkhp_unregister_patch(&lkhp_test_patch);
	return 0;
}

static const struct kernel_param_ops misuse_unregister_ops = {
	.set = misuse_unregister,
};
module_param_cb(unregister, &misuse_unregister_ops, NULL, 0200);
MODULE_PARM_DESC(unregister, "write anything: unregister the patch now");
