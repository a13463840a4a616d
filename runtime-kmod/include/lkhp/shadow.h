/* SPDX-License-Identifier: GPL-2.0 */
/*
 * Shadow variables: data attached to any kernel object (a task, a struct
 * file, ...) by address and id, for a fix that needs a field the running
 * kernel's structs do not have. The semantics of livepatch's klp_shadow_*:
 * a <obj, id> pair names at most one shadow variable; the data lives in
 * lkhp.ko, so a later or cumulative patch finds what an earlier one
 * attached. All functions are safe to call concurrently, from any context
 * that may use the given gfp flags (lookups from any context but NMI).
 */
#ifndef _LKHP_SHADOW_H
#define _LKHP_SHADOW_H

#include <linux/types.h>

/* Fills a new shadow variable before others can see it; non-zero: not added. */
typedef int (*lkhp_shadow_ctor_t)(void *obj, void *shadow_data,
				  void *ctor_data);
/* Releases what the data holds, just before it is freed (under a spinlock). */
typedef void (*lkhp_shadow_dtor_t)(void *obj, void *shadow_data);

/* The data of <obj, id>, or NULL. */
void *lkhp_shadow_get(void *obj, unsigned long id);

/*
 * Attach @size bytes (zeroed, then @ctor) to <obj, id>: NULL when one is
 * already attached (with a warning), without memory, or when @ctor fails.
 */
void *lkhp_shadow_alloc(void *obj, unsigned long id, size_t size,
			gfp_t gfp_flags, lkhp_shadow_ctor_t ctor,
			void *ctor_data);

/* The data of <obj, id>, attached as lkhp_shadow_alloc() does if none is. */
void *lkhp_shadow_get_or_alloc(void *obj, unsigned long id, size_t size,
			       gfp_t gfp_flags, lkhp_shadow_ctor_t ctor,
			       void *ctor_data);

/* Detach and free <obj, id>, calling @dtor (may be NULL) first. */
void lkhp_shadow_free(void *obj, unsigned long id, lkhp_shadow_dtor_t dtor);

/* Detach and free the shadow variables of @id on every object. */
void lkhp_shadow_free_all(unsigned long id, lkhp_shadow_dtor_t dtor);

#endif /* _LKHP_SHADOW_H */
