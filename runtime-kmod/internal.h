/* SPDX-License-Identifier: GPL-2.0 */
/*
 * lkhp.ko private declarations, shared by its files only.
 *
 * Locking: lkhp_mutex serializes every change and every read of the patch
 * table (lkhp_patches), the site table (lkhp_sites) and all the runtime
 * state hanging off them. Kernel text is written only inside stop_machine(),
 * with lkhp_mutex held by the caller.
 */
#ifndef _LKHP_INTERNAL_H
#define _LKHP_INTERNAL_H

#include <linux/kobject.h>
#include <linux/list.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/notifier.h>
#include <linux/sched.h>
#include <linux/time64.h>
#include <linux/types.h>
#include <lkhp/patch.h>
#include <uapi/lkhp.h>

#define LKHP_STOP_TRIES		10	/* stop_machine attempts per switch */
#define LKHP_RETRY_MS		20	/* sleep between attempts */
#define LKHP_MOVE_MS		2000	/* wait for moved tasks, per switch */
#define LKHP_BUSY_MAX		4096	/* busy tasks handled per attempt */

extern struct mutex lkhp_mutex;
extern struct list_head lkhp_patches;
extern struct list_head lkhp_sites;

/*
 * A patch site: one original function that at least one registered patch
 * replaces. Shared by the patches replacing the same function (stacking).
 */
struct lkhp_site {
	struct list_head	node;		/* in lkhp_sites */
	struct list_head	funcs;		/* lkhp_func.site_node, any state */
	char			*name;		/* original function */
	unsigned long		func_addr;	/* runtime address of the original */
	unsigned long		func_size;
	unsigned long		addr;		/* func_addr + site_offset */
	unsigned int		site_offset;
	unsigned int		ins_len;	/* the redirect's: LKHP_[L]JMP_SIZE */
	struct lkhp_func	*active;	/* whose redirect is there, NULL = none */
	u8			orig_ins[LKHP_INS_LEN];
};

/* How lkhp names the kernel image among a patch's objects. */
#define LKHP_VMLINUX		"vmlinux"

/*
 * One object of a patch: vmlinux or a module. A module's part waits while
 * the module is not loaded: its functions have no site, its relocations
 * are not applied. It is resolved when the module loads (before its init)
 * or when the patch registers while it is loaded, and dropped when the
 * module goes. @e->objs lists vmlinux first (the callback order).
 */
struct lkhp_obj {
	struct lkhp_object	pub;	/* what callbacks see; mod NULL while waiting */
	char			name[MODULE_NAME_LEN];	/* "" for vmlinux */
	bool			loaded;	/* resolved: its functions have sites */
	bool			init_old;	/* its module's init ran unpatched */
	bool			init_pinned;	/* ran patched: holds the patch module */
	unsigned int		nr_funcs;
	const struct lkhp_jump_table *jt;	/* its branches on the module's keys */
	u8			(*jump_ins)[LKHP_JUMP_SITE_MAX];	/* as built */
	struct lkhp_jumps	*jumps;	/* linked into the keys, NULL: not */
};

/* Runtime state of one function of one patch. */
struct lkhp_func {
	const struct lkhp_patch_func	*desc;	/* NULL once broken */
	struct lkhp_entry		*patch;
	struct lkhp_obj		*obj;
	struct lkhp_site		*site;	/* NULL while its object waits */
	struct list_head		site_node;	/* in site->funcs */
	char				*name;
	u32				flags;	/* LKHP_FUNC_* */
	unsigned long			new_addr;
	unsigned long			new_size;
	u32				sympos;
	u8				patch_ins[LKHP_INS_LEN];
};

/* What the last switch of a patch took. */
struct lkhp_switch_stats {
	u64			stop_ns;	/* stop_machine(), the one that switched */
	u64			switch_ns;	/* all: attempts, tasks moved out */
	unsigned int		moved;		/* tasks moved out of the functions */
};

/*
 * Runtime state of one registered patch (the HotPatch table entry). What is
 * shown or compared after registration is copied here: a BROKEN entry
 * outlives its module's tables, and its module too when that was forced out.
 */
struct lkhp_entry {
	struct list_head	node;		/* in lkhp_patches, id order */
	struct kobject		kobj;		/* /sys/kernel/lkhp/<name> */
	struct lkhp_patch	*desc;		/* the module's tables, NULL once broken */
	struct module		*mod;		/* NULL once broken */
	char			name[LKHP_NAME_LEN];
	char			module[MODULE_NAME_LEN];
	u32			flags;		/* LKHP_PATCH_* */
	u32			nr_relocs;
	u32			id;
	enum lkhp_state		state;
	bool			replaced;	/* by a cumulative patch, since enabled */
	u64			enable_seq;	/* newest enabled wins a site */
	unsigned int		nr_funcs;
	struct lkhp_func	*funcs;
	unsigned int		nr_objs;
	struct lkhp_obj	*objs;
	time64_t		load_time;
	time64_t		enable_time;
	time64_t		disable_time;
	struct lkhp_switch_stats last;	/* its last switch */
};

/* One site rewrite of a switch, prepared before stop_machine. */
struct lkhp_write {
	struct lkhp_site	*site;
	struct lkhp_func	*to;		/* NULL: restore the original */
	u8			old[LKHP_INS_LEN];	/* expected at the site */
	u8			new[LKHP_INS_LEN];
	void			*alias_base;	/* vmap()ed page(s) */
	u8			*alias;		/* the site, writable */
};

/* Code that must not be on any stack while a switch happens. */
struct lkhp_range {
	unsigned long		start;
	unsigned long		end;		/* exclusive */
	const char		*name;
	const char		*obj;		/* its object's name, "" vmlinux */
};

/* A switch: the site rewrites of one enable/disable, applied in one stop. */
/* Bits of struct lkhp_switch.pages, a filter over the ranges' pages. */
#define LKHP_PAGE_FILTER_BITS	2048

struct lkhp_switch {
	unsigned int		nr;
	struct lkhp_write	*writes;
	unsigned int		nr_ranges;	/* writes not forced unsafe */
	struct lkhp_range	*ranges;	/* sorted by start */
	DECLARE_BITMAP(pages, LKHP_PAGE_FILTER_BITS);
	atomic_t		cpus_in;	/* CPUs that entered the stop */
	atomic_t		cpus_checked;	/* ... and checked their share */
	int			done;
	int			ret;
	/* The tasks an attempt found inside the ranges, referenced. */
	atomic_t		nr_busy;	/* may exceed max_busy */
	unsigned int		max_busy;
	struct task_struct	**busy;
	const struct lkhp_range	**busy_range;
	/* The tasks held out of the ranges until the switch ends (move.c). */
	unsigned int		nr_held;
	struct task_struct	**held;
	unsigned long		move_until;	/* jiffies: the waits' end */
	/* When -EBUSY: a task still inside after the last attempt. */
	const char		*busy_func;
	const char		*busy_obj;
	char			busy_comm[TASK_COMM_LEN];
	pid_t			busy_pid;
	bool			busy_kthread;
	struct lkhp_switch_stats stats;
};

/* core.c */
struct lkhp_entry *lkhp_find(u32 id);
int lkhp_enable(struct lkhp_entry *e);
int lkhp_disable(struct lkhp_entry *e);
int lkhp_remove(struct lkhp_entry *e);
bool lkhp_on_sites(const struct lkhp_entry *e);
unsigned int lkhp_count(void);
void lkhp_fill_info(const struct lkhp_entry *e, struct lkhp_patch_info *info);
void lkhp_fill_func_info(const struct lkhp_func *f, struct lkhp_func_info *fi);
void lkhp_entry_release(struct lkhp_entry *e);

/* callbacks.c */
int lkhp_callbacks_check(struct lkhp_entry *e);
int lkhp_callbacks_pre_patch(struct lkhp_entry *e, struct lkhp_obj *only);
void lkhp_callbacks_run(struct lkhp_entry *e, struct lkhp_obj *only,
			u32 type);
void lkhp_callbacks_remove(struct lkhp_entry *e);

/* shadow.c */
unsigned long lkhp_shadow_count(void);
void lkhp_shadow_exit(void);

/* modules.c */
int lkhp_modules_init(void);
void lkhp_modules_exit(void);
struct module *lkhp_coming_owner(const void *addr);
struct module *lkhp_loaded_module(const char *name);
bool lkhp_module_keys_ready(struct module *mod);
void lkhp_coming_keys_set(struct module *mod);
int lkhp_module_keys(struct module *mod);	/* core.c */
int lkhp_module_coming(struct module *mod);	/* core.c */
void lkhp_module_live(struct module *mod);	/* core.c */
void lkhp_module_going(struct module *mod);	/* core.c */

/* jumps.c */
void lkhp_jumps_find_notifier(struct notifier_block *self);
int lkhp_jumps_check(struct lkhp_entry *e);
int lkhp_jumps_link(struct lkhp_entry *e, struct lkhp_obj *obj);
void lkhp_jumps_unlink(struct lkhp_obj *obj);

/* modsyms.c */
int lkhp_module_sym(struct module *mod, const char *name, u32 sympos,
		    Elf_Sym *out);
int lkhp_module_section(struct module *mod, const char *secname,
			unsigned long *addr);
struct lkhp_patch *lkhp_module_patch(struct module *mod);

/* exports.c */
int lkhp_module_export(struct module *user, const char *exporter,
		       const char *name, unsigned long *addr, u32 *crc);

/* move.c */
bool lkhp_movable(const struct task_struct *t);
unsigned int lkhp_move_busy(struct lkhp_switch *sw);
void lkhp_move_release(struct lkhp_switch *sw);
void lkhp_hold_wait(struct callback_head *work);
void lkhp_hold_run(struct callback_head *work);	/* hold-exit.S */

/* reason.c */
void lkhp_fail(const char *fmt, ...) __printf(1, 2);
void lkhp_reason_take(char *out);
void lkhp_reason_registration(const struct module *mod, int err);
void lkhp_reason_last(struct lkhp_last_error *out);

/* patch.c */
bool lkhp_objname_ok(const struct module *mod, const char *objname);
bool lkhp_in_text(const struct module *mod, unsigned long addr);
bool lkhp_table_ok(const struct module *mod, const void *table, u32 n,
		   size_t entry_size);
int lkhp_patch_check(struct module *mod, const struct lkhp_patch *p);
int lkhp_patch_resolve(struct lkhp_entry *e);
void lkhp_patch_release(struct lkhp_entry *e);
int lkhp_object_resolve(struct lkhp_entry *e, struct lkhp_obj *obj,
			struct module *mod);
void lkhp_object_release(struct lkhp_entry *e, struct lkhp_obj *obj);
void lkhp_site_put(struct lkhp_func *f);

/* modinit.c: a target module's __init functions (LKHP_FUNC_INIT) */
int lkhp_init_refuse_loaded(struct lkhp_entry *e, struct lkhp_obj *obj);
void lkhp_init_coming(struct lkhp_entry *e, struct lkhp_obj *obj);
int lkhp_init_refuse_enable(struct lkhp_entry *e);
int lkhp_init_refuse_remove(struct lkhp_entry *e);
void lkhp_init_release(struct lkhp_entry *e, struct lkhp_obj *obj);
void lkhp_init_live(struct module *mod);
const char *lkhp_object_name(const struct lkhp_obj *obj);
struct lkhp_obj *lkhp_object_find(struct lkhp_entry *e, const char *objname);
struct lkhp_obj *lkhp_object_add(struct lkhp_entry *e, const char *objname);

/* text.c */
void lkhp_redirect_encode(const struct lkhp_site *s, u8 *ins, unsigned long target);
int lkhp_text_read(unsigned long addr, u8 *buf, size_t len);
int lkhp_text_write(unsigned long addr, const void *buf, size_t len);
int lkhp_write_map(struct lkhp_write *w);
void lkhp_write_unmap(struct lkhp_write *w);
int lkhp_writes_apply(struct lkhp_switch *sw);

/* consistency.c */
int lkhp_switch_run(struct lkhp_switch *sw);

/* chardev.c */
int lkhp_chardev_init(void);
void lkhp_chardev_exit(void);

/* sysfs.c */
int lkhp_sysfs_init(void);
void lkhp_sysfs_exit(void);
int lkhp_sysfs_add(struct lkhp_entry *e);
void lkhp_sysfs_del(struct lkhp_entry *e);

#endif /* _LKHP_INTERNAL_H */
