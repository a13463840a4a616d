// SPDX-License-Identifier: GPL-2.0
/*
 * lkhp - administer LKHP live patches: install, list, enable, disable,
 * remove; persist, unpersist and boot for the patches loaded at every boot.
 * Talks to lkhp.ko through /dev/lkhp (see include/uapi/lkhp.h).
 * Built static for i386: the test guest has only busybox.
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <sys/utsname.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "uapi/lkhp.h"

_Static_assert(sizeof(struct lkhp_func_info) == LKHP_FUNC_INFO_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_patch_info) == LKHP_PATCH_INFO_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_get_info) == LKHP_GET_INFO_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_id_req) == LKHP_ID_REQ_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_count) == LKHP_COUNT_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_get_all) == LKHP_GET_ALL_SIZE, "uapi");
_Static_assert(sizeof(struct lkhp_last_error) == LKHP_LAST_ERROR_SIZE, "uapi");

struct opts {
	const char *file;
	const char *id;
};

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

static void __attribute__((format(printf, 1, 2))) err(const char *fmt, ...)
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
static int dev_open(void)
{
	if (dev_fd < 0)
		dev_fd = open(LKHP_DEVICE, O_RDWR | O_CLOEXEC);
	return dev_fd < 0 ? -errno : dev_fd;
}

static void dev_error(int error)
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
static int get_all(struct lkhp_patch_info **out)
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
static void module_name(const char *arg, char mod[LKHP_NAME_LEN])
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

/* What a module file's .modinfo says; an empty string for a tag it lacks. */
struct modinfo {
	char name[LKHP_NAME_LEN];	/* name=: the module it loads as */
	char patch[LKHP_NAME_LEN];	/* lkhp_patch=: LKHP patch modules only */
	char release[65];		/* lkhp_kernel=RELEASE VERSION: its uname -r */
};

/* VALUE of the modinfo string [@s, @s + @n) into @buf if it is "@tag=VALUE". */
static void modinfo_take(const char *s, size_t n, const char *tag, char *buf, size_t len)
{
	size_t t = strlen(tag);

	if (n > t && !strncmp(s, tag, t) && s[t] == '=')
		snprintf(buf, len, "%.*s", (int)(n - t - 1), s + t + 1);
}

/* Whether section header @sh's bytes lie within a file of @size bytes. */
static int in_file(const Elf32_Shdr *sh, size_t size)
{
	return sh->sh_offset <= size && sh->sh_size <= size - sh->sh_offset;
}

/*
 * Read the .modinfo section of module file @file into @mi: the loader takes
 * a module's name from there, so the section, not a search of the whole
 * file. 0, or -1 with the reason in @why.
 */
static int read_modinfo(const char *file, struct modinfo *mi, char *why, size_t len)
{
	const Elf32_Shdr *sh, *strs;
	const Elf32_Ehdr *eh;
	size_t shnum, shstrndx, i, n, size;
	const char *map, *s;
	struct stat st;
	int fd, ret = -1;

	memset(mi, 0, sizeof(*mi));
	fd = open(file, O_RDONLY | O_CLOEXEC);
	if (fd < 0 || fstat(fd, &st)) {
		snprintf(why, len, "%s", strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	snprintf(why, len, "not a kernel module (no i386 ELF .modinfo section with a name)");
	size = st.st_size;
	map = S_ISREG(st.st_mode) && size >= sizeof(*eh) ?
	      mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : MAP_FAILED;
	close(fd);
	if (map == MAP_FAILED)
		return -1;
	eh = (const Elf32_Ehdr *)map;
	if (memcmp(eh->e_ident, ELFMAG, SELFMAG) || eh->e_ident[EI_CLASS] != ELFCLASS32 ||
	    eh->e_type != ET_REL || eh->e_machine != EM_386 ||
	    eh->e_shentsize != sizeof(*sh) || eh->e_shoff > size ||
	    size - eh->e_shoff < sizeof(*sh))
		goto out;
	sh = (const Elf32_Shdr *)(map + eh->e_shoff);
	/* Extended numbering: counts past SHN_LORESERVE live in section 0. */
	shnum = eh->e_shnum ? eh->e_shnum : sh[0].sh_size;
	shstrndx = eh->e_shstrndx == SHN_XINDEX ? sh[0].sh_link : eh->e_shstrndx;
	if ((size - eh->e_shoff) / sizeof(*sh) < shnum || shstrndx >= shnum ||
	    !in_file(&sh[shstrndx], size))
		goto out;
	strs = &sh[shstrndx];
	for (i = 0; i < shnum; i++) {
		if (sh[i].sh_name >= strs->sh_size ||
		    strs->sh_size - sh[i].sh_name < sizeof(".modinfo") ||
		    memcmp(map + strs->sh_offset + sh[i].sh_name, ".modinfo",
			   sizeof(".modinfo")) ||
		    !in_file(&sh[i], size))
			continue;
		for (s = map + sh[i].sh_offset; s < map + sh[i].sh_offset + sh[i].sh_size; s += n + 1) {
			n = strnlen(s, map + sh[i].sh_offset + sh[i].sh_size - s);
			modinfo_take(s, n, "name", mi->name, sizeof(mi->name));
			modinfo_take(s, n, "lkhp_patch", mi->patch, sizeof(mi->patch));
			modinfo_take(s, n, "lkhp_kernel", mi->release, sizeof(mi->release));
		}
		mi->release[strcspn(mi->release, " ")] = '\0';
		ret = mi->name[0] ? 0 : -1;
		break;
	}
out:
	munmap((void *)map, size);
	return ret;
}

/* read_modinfo() of a file that must be an LKHP patch module. */
static int read_patch_modinfo(const char *file, struct modinfo *mi, char *why, size_t len)
{
	if (read_modinfo(file, mi, why, len))
		return -1;
	if (!mi->patch[0] || !mi->release[0]) {
		snprintf(why, len, "not an LKHP patch module (no lkhp_patch and lkhp_kernel in its .modinfo)");
		return -1;
	}
	/* The release names a store directory: nothing that leaves it. */
	if (strchr(mi->release, '/') || !strcmp(mi->release, ".") || !strcmp(mi->release, "..")) {
		snprintf(why, len, "malformed lkhp_kernel release '%s'", mi->release);
		return -1;
	}
	return 0;
}

/* Whether lkhp.ko's last refusal, into @le, was of module @mod. */
static int last_error(const char *mod, struct lkhp_last_error *le)
{
	memset(le, 0, sizeof(*le));
	le->version = LKHP_UAPI_VERSION;
	return dev_ioctl(LKHP_IOC_LAST_ERROR, le) == 0 && !strcmp(le->module, mod);
}

/* Why a patch did not load: our words, and lkhp.ko's reason when it gave one. */
struct load_error {
	char msg[256];
	char reason[LKHP_REASON_LEN];
};

/*
 * Load patch module @file (module @mod) and see its patch enabled. lkhp.ko
 * enables a patch once its module is live, so the load succeeds even when
 * that fails: then unload the module again, so that a failed load changes
 * nothing. 0 with the patch id in @id, or -1 with why in @e.
 */
static int load_patch(const char *file, const char *mod, __u32 *id, struct load_error *e)
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
static int load_runtime(void)
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

/*
 * The stores of persistent patches, per kernel release: the admin's
 * (lkhp persist) first, so that its file shadows a package's file of the
 * same name. LKHP_ROOT prefixes both, for tests.
 */
static const char *const stores[] = { "/var/lib/lkhp/patches", "/usr/lib/lkhp/patches" };
enum { ADMIN_STORE, PACKAGE_STORE };

/*
 * Store @store's directory for @release, or its file @file when not NULL.
 * Only a long LKHP_ROOT makes a path too long: a usage error, exit.
 */
static void store_path(int store, const char *release, const char *file,
		       char *buf, size_t len)
{
	const char *root = getenv("LKHP_ROOT");

	if ((size_t)snprintf(buf, len, "%s%s/%s%s%s", root ? root : "", stores[store],
			     release, file ? "/" : "", file ? file : "") >= len) {
		err("LKHP_ROOT=%s: path too long", root);
		exit(2);
	}
}

static const char *running_release(void)
{
	static struct utsname u;

	if (!u.release[0])
		uname(&u);
	return u.release;
}

/* A patch module a boot loads: file @file of store @store. */
struct persistent {
	char file[NAME_MAX + 1];
	int store;
};

static int cmp_persistent(const void *a, const void *b)
{
	const struct persistent *x = a, *y = b;
	int c = strcmp(x->file, y->file);

	return c ? c : x->store - y->store;
}

/*
 * The *.ko files of both stores of @release, in file-name order, a file of
 * the admin's store hiding the package's one of the same name: what a boot
 * loads. Their number (into *@out, to free), or -1 after an error. A store
 * that does not exist is empty.
 */
static int persistent_patches(const char *release, struct persistent **out)
{
	struct persistent *v = NULL, *q;
	char dir[PATH_MAX];
	struct dirent *d;
	size_t n = 0, k, i, len;
	DIR *dp;
	int s;

	for (s = ADMIN_STORE; s <= PACKAGE_STORE; s++) {
		store_path(s, release, NULL, dir, sizeof(dir));
		dp = opendir(dir);
		if (!dp && errno == ENOENT)
			continue;
		if (!dp) {
			err("%s: %s", dir, strerror(errno));
			goto fail;
		}
		while ((errno = 0, d = readdir(dp))) {
			len = strlen(d->d_name);
			/* a dot file is not one: persist's temporary copies are */
			if (d->d_name[0] == '.' || len < 4 || strcmp(d->d_name + len - 3, ".ko"))
				continue;
			q = realloc(v, (n + 1) * sizeof(*v));
			if (!q) {
				errno = ENOMEM;
				break;
			}
			v = q;
			snprintf(v[n].file, sizeof(v[n].file), "%s", d->d_name);
			v[n++].store = s;
		}
		closedir(dp);
		if (errno) {
			err("%s: %s", dir, strerror(errno));
			goto fail;
		}
	}
	qsort(v, n, sizeof(*v), cmp_persistent);
	for (i = k = 0; i < n; i++)
		if (!k || strcmp(v[k - 1].file, v[i].file))
			v[k++] = v[i];
	*out = v;
	return (int)k;
fail:
	free(v);
	return -1;
}

/* The file name part of @path, for a store entry: it must be a *.ko. */
static const char *ko_file_name(const char *path)
{
	const char *base = strrchr(path, '/');
	size_t len;

	base = base ? base + 1 : path;
	len = strlen(base);
	if (base[0] == '.' || len < 4 || strcmp(base + len - 3, ".ko")) {
		err("%s: a boot loads only files named *.ko (and not starting with '.')", path);
		return NULL;
	}
	return base;
}

/* mkdir -p @path, mode 0755: 0, or -1 after an error naming the directory. */
static int mkdir_p(const char *path)
{
	char buf[PATH_MAX], *p, c;

	snprintf(buf, sizeof(buf), "%s", path);
	for (p = buf + 1;; p++) {
		if (*p && *p != '/')
			continue;
		c = *p;
		*p = '\0';
		if (mkdir(buf, 0755) && errno != EEXIST) {
			err("%s: %s", buf, strerror(errno));
			return -1;
		}
		if (!c)
			return 0;
		*p = c;
	}
}

static int sync_dir(const char *dir)
{
	int fd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
	int ret = fd < 0 ? -1 : fsync(fd);

	if (fd >= 0)
		close(fd);
	return ret;
}

/*
 * Copy @src to @dest in directory @dir through a temporary file renamed
 * over @dest: a boot never sees half a module.
 */
static int copy_file(const char *src, const char *dir, const char *dest)
{
	char tmp[PATH_MAX + 32], buf[65536];
	const char *failed = dir;
	int in, out = -1, ret = -1;
	ssize_t n = 0;

	snprintf(tmp, sizeof(tmp), "%s/.lkhp-persist.XXXXXX", dir);
	in = open(src, O_RDONLY | O_CLOEXEC);
	if (in < 0) {
		err("%s: %s", src, strerror(errno));
		return -1;
	}
	out = mkstemp(tmp);
	if (out < 0 || fchmod(out, 0644))
		goto out;
	errno = 0;
	while ((n = read(in, buf, sizeof(buf))) > 0)
		if (write(out, buf, n) != n)
			goto out;
	if (n < 0) {
		failed = src;
		goto out;
	}
	if (fsync(out) || rename(tmp, dest)) {
		failed = dest;
		goto out;
	}
	/* the new name survives a crash only once the directory is synced */
	failed = dir;
	if (sync_dir(dir))
		goto out;
	ret = 0;
out:
	if (ret)
		err("%s: %s", failed, errno ? strerror(errno) : "short write");
	if (out >= 0) {
		close(out);
		if (ret)
			unlink(tmp);
	}
	close(in);
	return ret;
}

static int cmd_persist(const struct opts *o)
{
	char why[256], dir[PATH_MAX], dest[PATH_MAX];
	const char *file;
	struct modinfo mi;

	if (!o->file) {
		err("persist: missing -f FILE.ko");
		return 1;
	}
	if (read_patch_modinfo(o->file, &mi, why, sizeof(why))) {
		err("%s: %s", o->file, why);
		return 1;
	}
	file = ko_file_name(o->file);
	if (!file)
		return 1;
	store_path(ADMIN_STORE, mi.release, NULL, dir, sizeof(dir));
	store_path(ADMIN_STORE, mi.release, file, dest, sizeof(dest));
	if (mkdir_p(dir) || copy_file(o->file, dir, dest))
		return 1;
	printf("%s\n", dest);
	if (strcmp(mi.release, running_release()))
		err("note: %s is for kernel %s, not the running %s: it loads when %s boots",
		    file, mi.release, running_release(), mi.release);
	return 0;
}

/* Whether store entry @e of @release is @name: its file, patch or module name. */
static int persistent_is(const char *release, const struct persistent *e, const char *name)
{
	char path[PATH_MAX], why[256], mod[LKHP_NAME_LEN];
	struct modinfo mi;

	if (!strcmp(e->file, name))
		return 1;
	store_path(e->store, release, e->file, path, sizeof(path));
	module_name(name, mod);
	return !read_modinfo(path, &mi, why, sizeof(why)) &&
	       (!strcmp(mi.patch, name) || !strcmp(mi.name, mod));
}

/* Remove @file of @release from the admin's store; a package's file stays. */
static int unpersist_file(const char *release, const char *file)
{
	char admin[PATH_MAX], package[PATH_MAX], dir[PATH_MAX];

	store_path(ADMIN_STORE, release, file, admin, sizeof(admin));
	store_path(PACKAGE_STORE, release, file, package, sizeof(package));
	if (!unlink(admin)) {
		printf("removed %s\n", admin);
		if (!access(package, F_OK))
			err("note: %s, a package's, still loads at boot", package);
		return 0;
	}
	if (errno != ENOENT) {
		err("%s: %s", admin, strerror(errno));
		return 1;
	}
	store_path(ADMIN_STORE, release, NULL, dir, sizeof(dir));
	if (!access(package, F_OK))
		err("%s: not in %s but installed by a package: remove the package instead (dpkg -S %s names it)",
		    file, dir, package);
	else
		err("%s: not in %s", file, dir);
	return 1;
}

static int cmd_unpersist(const struct opts *o)
{
	struct persistent *v = NULL;
	const char *release, *file;
	struct modinfo mi;
	char why[256];
	int n, i, ret;

	if (!o->file == !o->id) {
		err("unpersist: give either -f FILE.ko or -i NAME");
		return 1;
	}
	if (o->file) {
		/* the module persisted: its release and file name */
		if (read_patch_modinfo(o->file, &mi, why, sizeof(why))) {
			err("%s: %s", o->file, why);
			return 1;
		}
		release = mi.release;
		file = ko_file_name(o->file);
		if (!file)
			return 1;
		return unpersist_file(release, file);
	}
	release = running_release();
	n = persistent_patches(release, &v);
	if (n < 0)
		return 1;
	for (i = 0; i < n && !persistent_is(release, &v[i], o->id); i++)
		;
	if (i == n)
		err("no persistent patch '%s' for %s ('lkhp list' shows them)", o->id, release);
	ret = i == n ? 1 : unpersist_file(release, v[i].file);
	free(v);
	return ret;
}


/*
 * Load the persistent patches of the running kernel in order, one stdout
 * line each (the journal's record of the boot); a failure does not stop the
 * next. A patch whose module is loaded already is skipped: boot may run twice.
 */
static int cmd_boot(const struct opts *o)
{
	const char *release = running_release();
	struct lkhp_patch_info *p = NULL;
	char path[PATH_MAX];
	struct persistent *v;
	struct load_error e;
	struct modinfo mi;
	int n, np, i, j, failed = 0;
	__u32 id;

	(void)o;
	/* stdout is the journal's pipe: each line as it happens */
	setvbuf(stdout, NULL, _IOLBF, 0);
	n = persistent_patches(release, &v);
	if (n <= 0) {
		if (!n)
			printf("lkhp: no persistent patches for %s\n", release);
		return n < 0;
	}
	np = load_runtime() ? -1 : get_all(&p);
	for (i = 0; np >= 0 && i < n; i++) {
		store_path(v[i].store, release, v[i].file, path, sizeof(path));
		if (read_patch_modinfo(path, &mi, e.msg, sizeof(e.msg))) {
			printf("lkhp: %s: failed: %s\n", path, e.msg);
			failed = 1;
			continue;
		}
		for (j = 0; j < np && strcmp(p[j].module, mi.name); j++)
			;
		if (j < np) {
			printf("lkhp: %s: already loaded, skipped\n", mi.patch);
		} else if (load_patch(path, mi.name, &id, &e)) {
			printf("lkhp: %s: failed: %s%s%s\n", path, e.msg,
			       e.reason[0] ? "; kernel: " : "", e.reason);
			failed = 1;
		} else {
			printf("lkhp: %s: loaded, enabled\n", mi.patch);
		}
	}
	free(p);
	free(v);
	return np < 0 || failed;
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

static const char *state_name(__u32 s)
{
	return s < sizeof(state_names) / sizeof(state_names[0]) ?
	       state_names[s] : "?";
}

static void print_ins(const char *label, const __u8 *ins)
{
	int i;

	printf("    %-9s", label);
	for (i = 0; i < LKHP_INS_LEN; i++)
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
 * One line per object of the patch (vmlinux, modules), in the order of
 * its functions: a module's functions have no address while it is not
 * loaded (they wait for it).
 */
static void list_objects(const struct lkhp_get_info *gi, const struct lkhp_func_info *f)
{
	__u32 i, j, n, loaded;

	for (i = 0; i < gi->nr_funcs; i++) {
		for (j = 0; j < i && strcmp(f[j].obj_file, f[i].obj_file); j++)
			;
		if (j < i)
			continue;	/* shown with its first function */
		for (n = 0, loaded = 0, j = i; j < gi->nr_funcs; j++) {
			if (strcmp(f[j].obj_file, f[i].obj_file))
				continue;
			n++;
			loaded |= f[j].orig_addr != 0;
		}
		if (loaded)
			printf("       %s: %s, %u function%s\n", f[i].obj_file,
			       state_name(gi->info.state), n, n == 1 ? "" : "s");
		else if (gi->info.state == LKHP_STATE_ENABLED)
			printf("       %s: waiting, not loaded, %u function%s\n",
			       f[i].obj_file, n, n == 1 ? "" : "s");
		else
			printf("       %s: %s, not loaded, %u function%s\n", f[i].obj_file,
			       state_name(gi->info.state), n, n == 1 ? "" : "s");
	}
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
		print_ins("original", f[i].original_ins);
		print_ins("patch", f[i].patch_ins);
	}
	free(f);
	return 0;
}

/*
 * After the patch table: the persistent patches of the running kernel, one
 * line per file with its patch name, store and state. Nothing when there
 * are none, so that the table stays alone.
 */
static int list_persistent(const struct lkhp_patch_info *p, int np)
{
	const char *release = running_release();
	char path[PATH_MAX], why[256];
	struct persistent *v;
	struct modinfo mi;
	int n, i, j;

	n = persistent_patches(release, &v);
	if (n <= 0)
		return n < 0;
	printf("persistent for %s:\n", release);
	for (i = 0; i < n; i++) {
		store_path(v[i].store, release, v[i].file, path, sizeof(path));
		if (read_patch_modinfo(path, &mi, why, sizeof(why))) {
			printf("  %-28s %-20s %-21s %s\n", v[i].file, "-", stores[v[i].store], why);
			continue;
		}
		for (j = 0; j < np && strcmp(p[j].module, mi.name); j++)
			;
		printf("  %-28s %-20s %-21s %s%s\n", v[i].file, mi.patch, stores[v[i].store],
		       j < np ? "loaded, " : "not loaded", j < np ? state_name(p[j].state) : "");
	}
	free(v);
	return 0;
}

static int cmd_list(const struct opts *o)
{
	struct lkhp_patch_info *p;
	struct lkhp_get_info gi;
	struct lkhp_func_info *f;
	char since[32];
	int n, i, ret = 0;
	__u32 id;

	if (o->id)
		return resolve_id(o->id, &id) ? 1 : list_one(id);
	/* Without lkhp.ko no patch is loaded, and what a boot loads still shows. */
	n = dev_open();
	if (n == -ENOENT) {
		dev_error(n);
		list_persistent(NULL, 0);
		return 1;
	}
	n = get_all(&p);
	if (n < 0)
		return 1;
	printf("%-4s %-24s %-9s %9s  %s\n", "ID", "NAME", "STATE",
	       "FUNCTIONS", "ENABLED SINCE");
	for (i = 0; i < n; i++) {
		fmt_time(p[i].state == LKHP_STATE_ENABLED ||
			 p[i].state == LKHP_STATE_BROKEN ?
			 p[i].enable_time : 0, since, sizeof(since));
		printf("%-4u %-24s %-9s %9u  %s\n", p[i].id, p[i].name,
		       state_name(p[i].state), p[i].nr_funcs, since);
		if (get_info(p[i].id, &gi, &f)) {
			ret = 1;
			continue;
		}
		list_objects(&gi, f);
		free(f);
	}
	ret |= list_persistent(p, n);
	free(p);
	return ret;
}

static const struct command commands[] = {
	{ "install", "-f FILE.ko", "load a patch module; prints its patch id", cmd_install },
	{ "list", "[-i ID]", "list patches, or show one in detail", cmd_list },
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
		{ "version", no_argument, NULL, 'v' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	const struct command *cmd = NULL;
	struct opts o = { NULL, NULL };
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
	return cmd->fn(&o);
}
