/* SPDX-License-Identifier: GPL-2.0 WITH Linux-syscall-note */
/*
 * LKHP user ABI: the /dev/lkhp ioctls shared by lkhp.ko and the lkhp CLI.
 *
 * Every struct uses fixed-width types only, so the same bytes mean the same
 * thing to a 32-bit and a 64-bit caller; user pointers travel as __u64.
 * Each request starts with the ABI version the caller was built for; the
 * kernel refuses a request whose version it does not speak (-EINVAL). The
 * ioctl number encodes the struct size, so a caller with a different layout
 * is refused too (-EINVAL for a known command number with a wrong size).
 * The sizes are asserted on both sides (BUILD_BUG_ON, _Static_assert).
 */
#ifndef _UAPI_LKHP_H
#define _UAPI_LKHP_H

#include <linux/ioctl.h>
#include <linux/types.h>
#include <lkhp/consts.h>

#define LKHP_UAPI_VERSION	2	/* 2: refusal reasons (lkhp_id_req, LAST_ERROR) */
#define LKHP_DEVICE		"/dev/lkhp"

#define LKHP_NAME_LEN		64	/* patch and module names, NUL included */
#define LKHP_SYM_LEN		128	/* function names, NUL included */
#define LKHP_INS_LEN		LKHP_LJMP_SIZE	/* the redirect's bytes */
/* A refusal's reason, NUL included; a longer one ends in "...". */
#define LKHP_REASON_LEN		512

/* The state of a patch (the original design's HopState). */
enum lkhp_state {
	LKHP_STATE_DISABLED	= 0,	/* registered, sites not redirected */
	LKHP_STATE_ENABLED	= 1,	/* its functions are on the site stacks */
	LKHP_STATE_REMOVING	= 2,	/* disabled for good, module unloading */
	/*
	 * Unregistered while enabled, and the disable failed: its redirects
	 * stay as they were, for good. Added within uapi 2 (no layout
	 * changed): an older lkhp shows an unknown state.
	 */
	LKHP_STATE_BROKEN	= 3,
};

/* struct lkhp_patch_info.flags */
#define LKHP_INFO_REPLACE	0x1	/* cumulative patch: enabling disables others */

/* One patched function of a patch: the original HotPatch record. */
struct lkhp_func_info {
	char	symbol_name[LKHP_SYM_LEN];	/* function replaced */
	char	obj_file[LKHP_NAME_LEN];	/* "vmlinux" or module name */
	__u64	orig_addr;	/* runtime address of the original function */
	__u64	hop_addr;	/* runtime address of the replacement */
	__u64	site_addr;	/* where the ljmp goes: orig_addr + site_offset */
	__u32	sympos;		/* n-th local symbol of that name, 0 = unique */
	__u32	old_size;	/* size of the original function */
	__u32	site_offset;	/* 5 past an ftrace site, else 0 */
	__u32	active;		/* 1: this patch's version runs at the site */
	__u8	original_ins[8];	/* LKHP_INS_LEN bytes saved from the site */
	__u8	patch_ins[8];		/* LKHP_INS_LEN bytes of the redirect */
};

/* One patch (a patch module). Times are seconds since the epoch, 0 = never. */
struct lkhp_patch_info {
	__u32	id;
	__u32	state;		/* enum lkhp_state */
	__u32	flags;		/* LKHP_INFO_* */
	__u32	nr_funcs;
	__u32	nr_relocs;
	__u32	reserved;
	char	name[LKHP_NAME_LEN];	/* patch name */
	char	module[LKHP_NAME_LEN];	/* kernel module name */
	__s64	load_time;
	__s64	enable_time;
	__s64	disable_time;
	__u64	stop_ns;	/* stop_machine duration of the last switch */
};

/* LKHP_IOC_GET_INFO: one patch and up to nr_funcs of its function records. */
struct lkhp_get_info {
	__u32	version;	/* in: LKHP_UAPI_VERSION */
	__u32	id;		/* in: patch id */
	__u32	nr_funcs;	/* in: room at funcs; out: records written */
	__u32	reserved;
	__u64	funcs;		/* in: struct lkhp_func_info *, may be 0 */
	struct lkhp_patch_info info;	/* out */
};

/*
 * LKHP_IOC_ENABLE, LKHP_IOC_DISABLE, LKHP_IOC_REMOVE.  Copied back also when
 * the ioctl fails: @reason then says why ("" if the errno says it all).
 */
struct lkhp_id_req {
	__u32	version;	/* in: LKHP_UAPI_VERSION */
	__u32	id;		/* in: patch id */
	char	reason[LKHP_REASON_LEN];	/* out */
};

/*
 * LKHP_IOC_LAST_ERROR: the last patch module whose registration failed
 * (its init returned @error), or whose patch could not be enabled once the
 * module was live (the load succeeded, the patch stayed disabled): why.
 * @module is "" when none failed yet.
 */
struct lkhp_last_error {
	__u32	version;	/* in: LKHP_UAPI_VERSION */
	__s32	error;		/* out: -errno */
	char	module[LKHP_NAME_LEN];		/* out */
	char	reason[LKHP_REASON_LEN];	/* out */
};

/* LKHP_IOC_COUNT. */
struct lkhp_count {
	__u32	version;	/* in: LKHP_UAPI_VERSION */
	__u32	count;		/* out: number of registered patches */
};

/* LKHP_IOC_GET_ALL: every patch, in id order. */
struct lkhp_get_all {
	__u32	version;	/* in: LKHP_UAPI_VERSION */
	__u32	count;		/* in: room at patches; out: patches registered */
	__u64	patches;	/* in: struct lkhp_patch_info * */
};

#define LKHP_IOC_MAGIC		'L'
/* Read a patch record (LKHP_GET_HOTPATCH_INFO). */
#define LKHP_IOC_GET_INFO	_IOWR(LKHP_IOC_MAGIC, 1, struct lkhp_get_info)
/* Disable for good before unloading the module (LKHP_REMOVE_HOTPATCH). */
#define LKHP_IOC_REMOVE		_IOWR(LKHP_IOC_MAGIC, 2, struct lkhp_id_req)
/* Redirect a patch's functions (LKHP_ENABLE_HOTPATCH). */
#define LKHP_IOC_ENABLE		_IOWR(LKHP_IOC_MAGIC, 3, struct lkhp_id_req)
/* Restore the previous target of each site (LKHP_DISABLE_HOTPATCH). */
#define LKHP_IOC_DISABLE	_IOWR(LKHP_IOC_MAGIC, 4, struct lkhp_id_req)
/* Number of registered patches (LKHP_NUMBER_OF_PATCHES). */
#define LKHP_IOC_COUNT		_IOWR(LKHP_IOC_MAGIC, 5, struct lkhp_count)
/* Records of all patches (LKHP_GET_ALL_PATCH_INFO). */
#define LKHP_IOC_GET_ALL	_IOWR(LKHP_IOC_MAGIC, 6, struct lkhp_get_all)
/* Why the last patch module failed to register or enable (the original had dmesg). */
#define LKHP_IOC_LAST_ERROR	_IOWR(LKHP_IOC_MAGIC, 7, struct lkhp_last_error)

/* Sizes both sides assert; a change here is a new LKHP_UAPI_VERSION. */
#define LKHP_FUNC_INFO_SIZE	248
#define LKHP_PATCH_INFO_SIZE	184
#define LKHP_GET_INFO_SIZE	(24 + LKHP_PATCH_INFO_SIZE)
#define LKHP_ID_REQ_SIZE	(8 + LKHP_REASON_LEN)
#define LKHP_LAST_ERROR_SIZE	(8 + LKHP_NAME_LEN + LKHP_REASON_LEN)
#define LKHP_COUNT_SIZE		8
#define LKHP_GET_ALL_SIZE	16

#endif /* _UAPI_LKHP_H */
