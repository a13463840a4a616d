/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The lkhp command's files: lkhp.c (the commands on /dev/lkhp), modinfo.c
 * (what a module file says of itself), store.c (the persistent patches:
 * persist, unpersist, boot).
 */
#ifndef LKHP_CLI_H
#define LKHP_CLI_H

#include <limits.h>
#include <stddef.h>

#include "uapi/lkhp.h"

struct opts {
	const char *file;
	const char *id;
	int json;	/* --json: list and status */
};

/* What a module file's .modinfo says; an empty string for a tag it lacks. */
struct modinfo {
	char name[LKHP_NAME_LEN];	/* name=: the module it loads as */
	char patch[LKHP_NAME_LEN];	/* lkhp_patch=: LKHP patch modules only */
	char release[65];		/* lkhp_kernel=RELEASE VERSION: its uname -r */
};

/* Why a patch did not load: our words, and lkhp.ko's reason when it gave one. */
struct load_error {
	char msg[256];
	char reason[LKHP_REASON_LEN];
};

/* lkhp.c */
int dev_open(void);
void dev_error(int error);
void module_name(const char *arg, char mod[LKHP_NAME_LEN]);
void __attribute__((format(printf, 1, 2))) err(const char *fmt, ...);
int get_all(struct lkhp_patch_info **out);
int load_patch(const char *file, const char *mod, __u32 *id, struct load_error *e);
int load_runtime(void);
const char *state_name(__u32 s);

/* modinfo.c */
int read_modinfo(const char *file, struct modinfo *mi, char *why, size_t len);
int read_patch_modinfo(const char *file, struct modinfo *mi, char *why, size_t len);

/* store.c: the stores, the admin's first (its files shadow a package's) */
enum { ADMIN_STORE, PACKAGE_STORE };
extern const char *const stores[2];

/* A patch module of the running kernel's stores, and what it says of itself. */
struct stored {
	char path[PATH_MAX];
	char file[NAME_MAX + 1];
	int store;
	int ok;			/* mi is read; else why says why not */
	char why[256];
	struct modinfo mi;
};

int cmd_persist(const struct opts *o);
int cmd_unpersist(const struct opts *o);
int cmd_boot(const struct opts *o);
const char *running_release(void);
int stored_patches(struct stored **out);
const struct lkhp_patch_info *loaded_as(const struct lkhp_patch_info *p, int np,
					const char *mod);
int list_persistent(const struct lkhp_patch_info *p, int np, int json);

/* status.c */
int cmd_status(const struct opts *o);

/* json.c */
void json_str(const char *s);
void json_key_str(int first, const char *key, const char *value);

#endif
