// SPDX-License-Identifier: GPL-2.0
/*
 * lkhp - administer LKHP live patches: install, list, enable, disable,
 * remove (this file); persist, unpersist and boot for the patches loaded
 * at every boot (store.c); what a module file says of itself (modinfo.c).
 * Talks to lkhp.ko through /dev/lkhp (see include/uapi/lkhp.h).
 * Built static for i386: the test guest has only busybox.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

_Static_assert(sizeof(struct lkhp_func_info) == LKHP_FUNC_INFO_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_patch_info) == LKHP_PATCH_INFO_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_get_info) == LKHP_GET_INFO_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_id_req) == LKHP_ID_REQ_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_count) == LKHP_COUNT_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_get_all) == LKHP_GET_ALL_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_last_error) == LKHP_LAST_ERROR_SIZE, "uapi");



struct command {
	const char *name;
	const char *args;
	const char *help;
	int (*fn)(const struct opts *o);
};

static const char *const state_names[] = {
	[LKHP_STATE_DISABLED] = "disabled",
	[LKHP_STATE_ENABLED] = "enabled",
	[LKHP_STATE_REMOVING] = "removing",
	[LKHP_STATE_BROKEN] = "broken",
};

void __attribute__((format(printf, 1, 2))) err(const char *fmt, ...)
{
	va_list ap;

	fputs("lkhp: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
}

static int dev_fd = -1;

/* /dev/lkhp, opened on first use: its fd or -errno. */
int dev_open(void)
{
	if (dev_fd < 0)
		dev_fd = open(LKHP_DEVICE, O_RDWR | O_CLOEXEC);
	return dev_fd < 0 ? -errno : dev_fd;
}

void dev_error(int error)
{
	err("%s: %s%s", LKHP_DEVICE, strerror(-error),
	    error == -ENOENT ? " (is lkhp.ko loaded?)" :
	    error == -EACCES ? " (root only)" : "");
}

/* A CLI without /dev/lkhp can do nothing: exit. */
static int dev(void)
{
	int fd = dev_open();

	if (fd < 0) {
		dev_error(fd);
		exit(1);
	}
	return fd;
}

/* 0 or -errno: every failure is the caller's to report. */
static int dev_ioctl(unsigned long cmd, void *arg)
{
	return ioctl(dev(), cmd, arg) < 0 ? -errno : 0;
}

/*
 * All patches, in id order, into a buffer sized from the count (a patch
 * registered meanwhile: asked again).  Returns the count or -errno.
 */
int get_all(struct lkhp_patch_info **out)
{
	struct lkhp_get_all ga = { .version = LKHP_UAPI_VERSION };
	struct lkhp_patch_info *p = NULL;
	int ret;

	for (;;) {
		struct lkhp_patch_info *q = realloc(p, (ga.count + 1) * sizeof(*p));
		__u32 room = ga.count + 1;

		if (!q) {
			free(p);
			err("out of memory");
			return -ENOMEM;
		}
		p = q;
		ga.count = room;
		ga.patches = (unsigned long)p;
		ret = dev_ioctl(LKHP_IOC_GET_ALL, &ga);
		if (ret < 0) {
			free(p);
			err("reading the patch table: %s", strerror(-ret));
			return ret;
		}
		if (ga.count <= room)
			break;
	}
	*out = p;
	return (int)ga.count;
}

/* @arg as a module name: the kernel treats '-' in one as '_'. */
void module_name(const char *arg, char mod[LKHP_NAME_LEN])
{
	int i;

	snprintf(mod, LKHP_NAME_LEN, "%s", arg);
	for (i = 0; mod[i]; i++)
		if (mod[i] == '-')
			mod[i] = '_';
}

/* An id, a patch name or a module name (lkhp_NAME or lkhp-NAME). */
static int resolve_id(const char *arg, __u32 *id)
{
	struct lkhp_patch_info *p;
	char *end, mod[LKHP_NAME_LEN];
	unsigned long v;
	int n, i;

	if (!arg) {
		err("missing -i ID");
		return -1;
	}
	v = strtoul(arg, &end, 10);
	if (*arg && !*end) {
		*id = v;
		return 0;
	}
	module_name(arg, mod);
	n = get_all(&p);
	if (n < 0)
		return -1;
	for (i = 0; i < n; i++) {
		if (!strcmp(p[i].name, arg) || !strcmp(p[i].module, mod)) {
			*id = p[i].id;
			free(p);
			return 0;
		}
	}
	free(p);
	err("no patch named '%s'", arg);
	return -1;
}

static int id_op(const struct opts *o, unsigned long cmd, const char *what,
		 struct lkhp_patch_info *info)
{
	struct lkhp_id_req req = { .version = LKHP_UAPI_VERSION };
	struct lkhp_get_info gi = { .version = LKHP_UAPI_VERSION };
	int ret;

	if (resolve_id(o->id, &req.id))
		return 1;
	gi.id = req.id;
	ret = dev_ioctl(LKHP_IOC_GET_INFO, &gi);
	if (ret == 0)
		ret = dev_ioctl(cmd, &req);
	if (ret == -ENOENT) {
		err("no patch with id %u", req.id);
		return 1;
	}
	if (ret < 0) {
		if (req.reason[0])
			err("%s patch %u: %s: %s", what, req.id, strerror(-ret), req.reason);
		else
			err("%s patch %u: %s", what, req.id, strerror(-ret));
		return 1;
	}
	if (info)
		*info = gi.info;
	return 0;
}

static int cmd_enable(const struct opts *o)
{
	return id_op(o, LKHP_IOC_ENABLE, "enable", NULL);
}

static int cmd_disable(const struct opts *o)
{
	return id_op(o, LKHP_IOC_DISABLE, "disable", NULL);
}

static int cmd_remove(const struct opts *o)
{
	struct lkhp_patch_info info;

	if (id_op(o, LKHP_IOC_REMOVE, "remove", &info))
		return 1;
	if (syscall(SYS_delete_module, info.module, O_NONBLOCK)) {
		err("unloading module %s: %s", info.module, strerror(errno));
		return 1;
	}
	printf("removed patch %u (%s)\n", info.id, info.name);
	return 0;
}


/* Whether lkhp.ko's last refusal, into @le, was of module @mod. */
static int last_error(const char *mod, struct lkhp_last_error *le)
{
	memset(le, 0, sizeof(*le));
	le->version = LKHP_UAPI_VERSION;
	return dev_ioctl(LKHP_IOC_LAST_ERROR, le) == 0 && !strcmp(le->module, mod);
}



/*
 * Load patch module @file (module @mod) and see its patch enabled. lkhp.ko
 * enables a patch once its module is live, so the load succeeds even when
 * that fails: then unload the module again, so that a failed load changes
 * nothing. 0 with the patch id in @id, or -1 with why in @e.
 */
int load_patch(const char *file, const char *mod, __u32 *id, struct load_error *e)
{
	struct lkhp_last_error le;
	struct lkhp_patch_info *p;
	__u32 state;
	int fd, n, i, known;

	e->reason[0] = '\0';
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0)) {
		snprintf(e->msg, sizeof(e->msg), "%s", strerror(errno));
		if (fd >= 0) {
			close(fd);
			if (last_error(mod, &le))
				snprintf(e->reason, sizeof(e->reason), "%s", le.reason);
		}
		return -1;
	}
	close(fd);
	n = get_all(&p);
	if (n < 0) {
		snprintf(e->msg, sizeof(e->msg), "loaded, but the patch table is unreadable");
		return -1;
	}
	for (i = 0; i < n && strcmp(p[i].module, mod); i++)
		;
	if (i == n) {
		free(p);
		snprintf(e->msg, sizeof(e->msg), "%s loaded but registered no patch", mod);
		return -1;
	}
	*id = p[i].id;
	state = p[i].state;
	free(p);
	if (state == LKHP_STATE_ENABLED)
		return 0;
	known = last_error(mod, &le);
	snprintf(e->msg, sizeof(e->msg), "patch not enabled: %s",
		 known ? strerror(-le.error) : "reason unknown");
	if (known)
		snprintf(e->reason, sizeof(e->reason), "%s", le.reason);
	if (syscall(SYS_delete_module, mod, O_NONBLOCK))
		snprintf(e->msg + strlen(e->msg), sizeof(e->msg) - strlen(e->msg),
			 "; unloading module %s: %s", mod, strerror(errno));
	return -1;
}

/*
 * lkhp.ko where modprobe finds it: a boot may run before anything loaded
 * it. 0 once /dev/lkhp exists, or 1 after an error.
 */
int load_runtime(void)
{
	int status;
	pid_t pid;

	if (!access(LKHP_DEVICE, F_OK))
		return 0;
	pid = fork();
	if (pid == 0) {
		execl("/sbin/modprobe", "modprobe", "lkhp", (char *)NULL);
		err("/sbin/modprobe: %s", strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0) {
		err("running /sbin/modprobe lkhp: %s", strerror(errno));
		return 1;
	}
	if (!WIFEXITED(status) || WEXITSTATUS(status)) {
		err("modprobe lkhp failed (%s %d): no patch loaded",
		    WIFEXITED(status) ? "exit status" : "signal",
		    WIFEXITED(status) ? WEXITSTATUS(status) : WTERMSIG(status));
		return 1;
	}
	if (access(LKHP_DEVICE, F_OK)) {
		err("modprobe lkhp succeeded, but %s: %s", LKHP_DEVICE, strerror(errno));
		return 1;
	}
	return 0;
}

static int cmd_install(const struct opts *o)
{
	struct load_error e;
	struct modinfo mi;
	__u32 id;

	if (!o->file) {
		err("install: missing -f FILE.ko");
		return 1;
	}
	if (read_modinfo(o->file, &mi, e.msg, sizeof(e.msg))) {
		err("%s: %s", o->file, e.msg);
		return 1;
	}
	/* a patch package's postinst may install the first patch of the boot */
	if (load_runtime())
		return 1;
	if (load_patch(o->file, mi.name, &id, &e)) {
		err("loading %s: %s", o->file, e.msg);
		if (e.reason[0])
			err("kernel: %s", e.reason);
		return 1;
	}
	printf("%u\n", id);
	return 0;
}


static void fmt_time(__s64 t, char *buf, size_t len)
{
	time_t tt = t;
	struct tm tm;

	if (!t || !gmtime_r(&tt, &tm))
		snprintf(buf, len, "-");
	else
		strftime(buf, len, "%Y-%m-%d %H:%M:%S", &tm);
}

const char *state_name(__u32 s)
{
	return s < sizeof(state_names) / sizeof(state_names[0]) ?
	       state_names[s] : "?";
}

/* @len bytes of @ins: the redirect's, told by its opcode (@patch). */
static void print_ins(const char *label, const __u8 *ins, const __u8 *patch)
{
	int len = patch[0] == LKHP_JMP_OPCODE ? LKHP_JMP_SIZE : LKHP_INS_LEN;
	int i;

	printf("    %-9s", label);
	for (i = 0; i < len; i++)
		printf(" %02x", ins[i]);
	putchar('\n');
}

/* Patch @id and its function records (*@f, to free). 0, or 1 after an error. */
static int get_info(__u32 id, struct lkhp_get_info *gi, struct lkhp_func_info **f)
{
	/* first the patch alone: its function count sizes the records */
	int ret;

	memset(gi, 0, sizeof(*gi));
	gi->version = LKHP_UAPI_VERSION;
	gi->id = id;
	ret = dev_ioctl(LKHP_IOC_GET_INFO, gi);
	*f = ret ? NULL : calloc(gi->info.nr_funcs ? gi->info.nr_funcs : 1, sizeof(**f));
	if (*f) {
		gi->nr_funcs = gi->info.nr_funcs;
		gi->funcs = (unsigned long)*f;
		ret = dev_ioctl(LKHP_IOC_GET_INFO, gi);
	} else if (!ret) {
		ret = -ENOMEM;
	}
	if (ret < 0) {
		err("patch %u: %s", id, ret == -ENOENT ? "no such patch" : strerror(-ret));
		free(*f);
		*f = NULL;
		return 1;
	}
	return 0;
}

/*
 * Object @i of the patch's functions (vmlinux, a module), in the order of
 * their first function: its name, function count and whether it is loaded
 * into *@o. A module's functions have no address while it is not loaded
 * (they wait for it). 0, or -1 past the last object.
 */
struct object_summary {
	const char *name;
	__u32 nr_funcs;
	int loaded;
};

static int object_summary(const struct lkhp_get_info *gi, const struct lkhp_func_info *f,
			  __u32 i, struct object_summary *o)
{
	__u32 j, k, seen = 0;

	for (j = 0; j < gi->nr_funcs; j++) {
		for (k = 0; k < j && strcmp(f[k].obj_file, f[j].obj_file); k++)
			;
		if (k < j || seen++ != i)
			continue;	/* counted with its first function, or not @i */
		o->name = f[j].obj_file;
		o->nr_funcs = 0;
		o->loaded = 0;
		for (k = j; k < gi->nr_funcs; k++) {
			if (strcmp(f[k].obj_file, f[j].obj_file))
				continue;
			o->nr_funcs++;
			o->loaded |= f[k].orig_addr != 0;
		}
		return 0;
	}
	return -1;
}

/* An object's state: its patch's, or "waiting" for its module when enabled. */
static const char *object_state(const struct lkhp_get_info *gi, const struct object_summary *o)
{
	return !o->loaded && gi->info.state == LKHP_STATE_ENABLED ? "waiting" :
	       state_name(gi->info.state);
}

/* One line per object of the patch. */
static void list_objects(const struct lkhp_get_info *gi, const struct lkhp_func_info *f)
{
	struct object_summary o;
	__u32 i;

	for (i = 0; !object_summary(gi, f, i, &o); i++)
		printf("       %s: %s%s, %u function%s\n", o.name, object_state(gi, &o),
		       o.loaded ? "" : ", not loaded", o.nr_funcs, o.nr_funcs == 1 ? "" : "s");
}

/* The patch as a JSON object, its objects within. */
static void json_patch(const struct lkhp_get_info *gi, const struct lkhp_func_info *f)
{
	struct object_summary o;
	__u32 i;

	printf("{\"id\": %u", gi->info.id);
	json_key_str(0, "name", gi->info.name);
	json_key_str(0, "module", gi->info.module);
	json_key_str(0, "state", state_name(gi->info.state));
	printf(", \"replace\": %s, \"functions\": %u, \"relocs\": %u, "
	       "\"load_time\": %lld, \"enable_time\": %lld, \"disable_time\": %lld, "
	       "\"stop_ns\": %llu, \"objects\": [",
	       gi->info.flags & LKHP_INFO_REPLACE ? "true" : "false", gi->info.nr_funcs,
	       gi->info.nr_relocs, (long long)gi->info.load_time,
	       (long long)gi->info.enable_time, (long long)gi->info.disable_time,
	       (unsigned long long)gi->info.stop_ns);
	for (i = 0; !object_summary(gi, f, i, &o); i++) {
		printf("%s{", i ? ", " : "");
		json_key_str(1, "name", o.name);
		json_key_str(0, "state", object_state(gi, &o));
		printf(", \"loaded\": %s, \"functions\": %u}", o.loaded ? "true" : "false",
		       o.nr_funcs);
	}
	printf("]}");
}

static int list_one(__u32 id)
{
	struct lkhp_get_info gi;
	struct lkhp_func_info *f;
	char t[3][32];
	__u32 i;

	if (get_info(id, &gi, &f))
		return 1;
	fmt_time(gi.info.load_time, t[0], sizeof(t[0]));
	fmt_time(gi.info.enable_time, t[1], sizeof(t[1]));
	fmt_time(gi.info.disable_time, t[2], sizeof(t[2]));
	printf("id:         %u\nname:       %s\nmodule:     %s\nstate:      %s%s\n"
	       "loaded:     %s\nenabled:    %s\ndisabled:   %s\n"
	       "stop:       %llu ns\nrelocs:     %u\nfunctions:  %u\n",
	       gi.info.id, gi.info.name, gi.info.module,
	       state_name(gi.info.state),
	       gi.info.flags & LKHP_INFO_REPLACE ? " (replace)" : "",
	       t[0], t[1], t[2], (unsigned long long)gi.info.stop_ns,
	       gi.info.nr_relocs, gi.info.nr_funcs);
	for (i = 0; i < gi.nr_funcs; i++) {
		if (!f[i].orig_addr) {
			printf("  %s [%s] waiting: module not loaded -> %#llx\n",
			       f[i].symbol_name, f[i].obj_file,
			       (unsigned long long)f[i].hop_addr);
			continue;
		}
		printf("  %s [%s] %#llx+%u -> %#llx%s\n", f[i].symbol_name,
		       f[i].obj_file, (unsigned long long)f[i].orig_addr,
		       f[i].site_offset, (unsigned long long)f[i].hop_addr,
		       f[i].active ? " (active)" : "");
		print_ins("original", f[i].original_ins, f[i].patch_ins);
		print_ins("patch", f[i].patch_ins, f[i].patch_ins);
	}
	free(f);
	return 0;
}


static int cmd_list(const struct opts *o)
{
	struct lkhp_patch_info *p = NULL;
	struct lkhp_get_info gi;
	struct lkhp_func_info *f;
	char since[32];
	int n, i, ret = 0;
	__u32 id;

	if (o->id && o->json) {
		err("list: -i ID shows one patch as text; --json lists them all");
		return 2;
	}
	if (o->id)
		return resolve_id(o->id, &id) ? 1 : list_one(id);
	/* Without lkhp.ko no patch is loaded, and what a boot loads still shows. */
	n = dev_open();
	if (n == -ENOENT) {
		dev_error(n);
		n = 0;
		ret = 1;
	} else if ((n = get_all(&p)) < 0) {
		return 1;
	}
	if (o->json) {
		printf("{");
		json_key_str(1, "kernel", running_release());
		printf(", \"patches\": [");
	} else if (!ret) {
		printf("%-4s %-24s %-9s %9s  %s\n", "ID", "NAME", "STATE",
		       "FUNCTIONS", "ENABLED SINCE");
	}
	for (i = 0; i < n; i++) {
		if (get_info(p[i].id, &gi, &f)) {
			ret = 1;
			continue;
		}
		if (o->json) {
			fputs(i ? ", " : "", stdout);
			json_patch(&gi, f);
		} else {
			fmt_time(p[i].state == LKHP_STATE_ENABLED ||
				 p[i].state == LKHP_STATE_BROKEN ?
				 p[i].enable_time : 0, since, sizeof(since));
			printf("%-4u %-24s %-9s %9u  %s\n", p[i].id, p[i].name,
			       state_name(p[i].state), p[i].nr_funcs, since);
			list_objects(&gi, f);
		}
		free(f);
	}
	if (o->json)
		putchar(']');
	ret |= list_persistent(p, n, o->json);
	if (o->json)
		printf("}\n");
	free(p);
	return ret;
}

static const struct command commands[] = {
	{ "install", "-f FILE.ko", "load a patch module; prints its patch id", cmd_install },
	{ "list", "[-i ID|--json]", "list patches, or show one in detail", cmd_list },
	{ "status", "[--json]", "whether every patch of this kernel is live (exit 0)", cmd_status },
	{ "enable", "-i ID", "redirect a patch's functions again", cmd_enable },
	{ "disable", "-i ID", "restore the previous version of its functions", cmd_disable },
	{ "remove", "-i ID", "disable a patch and unload its module", cmd_remove },
	{ "persist", "-f FILE.ko", "load it at every boot of the kernel it is for", cmd_persist },
	{ "unpersist", "-f FILE.ko|-i NAME", "stop loading a patch at boot", cmd_unpersist },
	{ "boot", "", "load the persistent patches of the running kernel", cmd_boot },
};

static void usage(FILE *f)
{
	size_t i;

	fprintf(f, "usage: lkhp COMMAND [options]\n       lkhp -v|--version | -h|--help\n\ncommands:\n");
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-9s %-19s %s\n", commands[i].name,
			commands[i].args, commands[i].help);
	fprintf(f, "\nID is a patch id, a patch name or its module name; NAME a persistent\n"
		"patch's name, module name or file name. Persistent patches are in\n"
		"%s/RELEASE/ (lkhp persist) and %s/RELEASE/ (packages).\n",
		stores[ADMIN_STORE], stores[PACKAGE_STORE]);
}

int main(int argc, char **argv)
{
	static const struct option long_opts[] = {
		{ "file", required_argument, NULL, 'f' },
		{ "patchid", required_argument, NULL, 'i' },
		{ "json", no_argument, NULL, 'j' },
		{ "version", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = NULL;
	struct opts o = { NULL, NULL, 0 };
	size_t i;
	int c;

	/* Options may come before or after the command (getopt permutes). */
	while ((c = getopt_long(argc, argv, "f:i:vh", long_opts, NULL)) != -1) {
		switch (c) {
		case 'f':
			o.file = optarg;
			break;
		case 'i':
			o.id = optarg;
			break;
		case 'j':
			o.json = 1;
			break;
		case 'v':
			printf("lkhp %s (uapi %d)\n", LKHP_VERSION,
			       LKHP_UAPI_VERSION);
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind >= argc) {
		usage(stderr);
		return 2;
	}
	for (i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		if (!strcmp(argv[optind], commands[i].name))
			cmd = &commands[i];
	if (!cmd) {
		err("unknown command '%s'", argv[optind]);
		usage(stderr);
		return 2;
	}
	if (optind + 1 < argc) {
		err("unexpected argument '%s'", argv[optind + 1]);
		return 2;
	}
	if (o.json && cmd->fn != cmd_list && cmd->fn != cmd_status) {
		err("%s: no --json (list and status have it)", cmd->name);
		return 2;
	}
	return cmd->fn(&o);
}
