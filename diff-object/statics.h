/*
 * Special statics: the statics kernel macros and gcc make in every file,
 * decided by what they are rather than looked up by name (their names
 * repeat in every object: a module without STT_FILE symbols cannot tell
 * one extents.c's __func__.7 from another file's).  Shared by lkhp-diff
 * (what travels) and lkhp-mkpatch (which copies are no kernel variable).
 */
#ifndef LKHP_STATICS_H
#define LKHP_STATICS_H

#include "elf.h"

enum static_kind {
	STATIC_KERNEL,	/* the kernel's own: referenced, identity and state kept */
	STATIC_STRING,	/* read-only data no one compares by address: copied */
	STATIC_FRESH,	/* a call site's private state: the patch has its own copy */
};

enum static_kind static_kind(const struct symbol *s);

/* A pr_debug() descriptor (LKHP_DYNDBG_SECTION): a fresh copy of its own. */
bool is_dyndbg_descriptor(const struct symbol *s);

#endif
