/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The patch author's macros: a patch's source change does
 *	#include "lkhp-macros.h"
 * (lkhp-build puts this directory on the include path of the patched build
 * only) and then, at file scope:
 *
 *	LKHP_PRE_PATCH_CALLBACK(fn)	int fn(struct lkhp_object *obj): before
 *					the file's object (vmlinux or its
 *					module) is switched to the patch;
 *					non-zero cancels the enable
 *	LKHP_POST_PATCH_CALLBACK(fn)	void fn(struct lkhp_object *obj): after
 *	LKHP_PRE_UNPATCH_CALLBACK(fn)	the same, before it is switched back
 *	LKHP_POST_UNPATCH_CALLBACK(fn)	and after
 *	LKHP_REMOVE_CALLBACK(fn)	void fn(void): when the patch is removed
 *					(to free its shadow variables)
 *	LKHP_IGNORE_FUNCTION(f)		lkhp-diff leaves f out of the patch
 *	LKHP_IGNORE_SECTION("name")	lkhp-diff leaves the section out
 *	LKHP_FORCE_UNSAFE(f)		f is switched without checking that no
 *					task is inside it: dangerous, see the
 *					patch author's guide
 *	LKHP_LAYOUT_SAFE(type, "why")	no instance of type made before the
 *					patch reaches the patched code, which
 *					uses type's new layout (see the patch
 *					author's guide)
 *
 * and the shadow variables of lkhp/shadow.h. When each callback runs and in
 * which order: lkhp/patch.h. The macros only place entries in sections the
 * build tools read (lkhp/consts.h); nothing here is code.
 */
#ifndef _LKHP_MACROS_H
#define _LKHP_MACROS_H

#include <linux/compiler.h>
#include <lkhp/patch.h>
#include <lkhp/shadow.h>

/* The object this file is built into: kbuild names a module's objects. */
#ifdef MODULE
#define LKHP_OBJNAME		KBUILD_MODNAME
#else
#define LKHP_OBJNAME		NULL
#endif

#define LKHP_CONCAT_(a, b)	a##b
#define LKHP_CONCAT(a, b)	LKHP_CONCAT_(a, b)

/* The union member checks fn's signature. */
#define LKHP_CALLBACK_(tag, cb_type, member, cb_fn)			\
	static const struct lkhp_callback __lkhp_##tag##_##cb_fn	\
	__used __section(LKHP_CALLBACK_SECTION) __aligned(4) = {	\
		.objname = LKHP_OBJNAME,				\
		.type = cb_type,					\
		.fn.member = cb_fn,					\
	}

#define LKHP_PRE_PATCH_CALLBACK(fn)					\
	LKHP_CALLBACK_(pre_patch, LKHP_CB_PRE_PATCH, pre, fn)
#define LKHP_POST_PATCH_CALLBACK(fn)					\
	LKHP_CALLBACK_(post_patch, LKHP_CB_POST_PATCH, post, fn)
#define LKHP_PRE_UNPATCH_CALLBACK(fn)					\
	LKHP_CALLBACK_(pre_unpatch, LKHP_CB_PRE_UNPATCH, post, fn)
#define LKHP_POST_UNPATCH_CALLBACK(fn)					\
	LKHP_CALLBACK_(post_unpatch, LKHP_CB_POST_UNPATCH, post, fn)
#define LKHP_REMOVE_CALLBACK(fn)					\
	LKHP_CALLBACK_(remove, LKHP_CB_REMOVE, remove, fn)

#define LKHP_IGNORE_FUNCTION(fn)					\
	static void *__lkhp_ignore_function_##fn			\
	__used __section(LKHP_IGNORE_FUNCTIONS_SECTION) = (void *)(fn)

#define LKHP_IGNORE_SECTION(name)					\
	static const char *LKHP_CONCAT(__lkhp_ignore_section_, __LINE__) \
	__used __section(LKHP_IGNORE_SECTIONS_SECTION) = (name)

#define LKHP_FORCE_UNSAFE(fn)						\
	static void *__lkhp_force_unsafe_##fn				\
	__used __section(LKHP_FORCE_UNSAFE_SECTION) = (void *)(fn)

/*
 * Two string pointers: the type as written and the reason.  The assertion
 * makes a misspelt or incomplete type a compile error, and the reason a
 * non-empty string literal.
 */
#define LKHP_LAYOUT_SAFE(type, reason)					\
	static const char *LKHP_CONCAT(__lkhp_layout_safe_, __LINE__)[2] \
	__used __section(LKHP_LAYOUT_SAFE_SECTION) __aligned(4) =	\
		{ #type, "" reason };					\
	_Static_assert(sizeof(type) && sizeof("" reason) > 1,		\
		       "LKHP_LAYOUT_SAFE(type, \"reason\")")

#endif /* _LKHP_MACROS_H */
