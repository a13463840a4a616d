// SPDX-License-Identifier: GPL-2.0
/*
 * The persistent patches: the per-release stores lkhp.service loads at
 * boot (lkhp persist, lkhp unpersist, lkhp boot, and their part of lkhp
 * list).
 */
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "cli.h"

/*
 * The stores of persistent patches, per kernel release: the admin's
 * (lkhp persist) first, so that its file shadows a package's file of the
 * same name. LKHP_ROOT prefixes both, for tests.
 */
const char *const stores[] = { "/var/lib/lkhp/patches", "/usr/lib/lkhp/patches" };

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

const char *running_release(void)
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

int cmd_persist(const struct opts *o)
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

int cmd_unpersist(const struct opts *o)
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
 * The patch modules a boot of the running kernel loads, in order, each with
 * what it says of itself (or why it cannot be read): their number (into
 * *@out, to free), or -1 after an error.
 */
int stored_patches(struct stored **out)
{
	const char *release = running_release();
	struct persistent *v;
	struct stored *st;
	int n, i;

	n = persistent_patches(release, &v);
	if (n < 0)
		return -1;
	st = calloc(n ? n : 1, sizeof(*st));
	if (!st) {
		free(v);
		err("out of memory");
		return -1;
	}
	for (i = 0; i < n; i++) {
		st[i].store = v[i].store;
		snprintf(st[i].file, sizeof(st[i].file), "%s", v[i].file);
		store_path(v[i].store, release, v[i].file, st[i].path, sizeof(st[i].path));
		st[i].ok = !read_patch_modinfo(st[i].path, &st[i].mi, st[i].why, sizeof(st[i].why));
	}
	free(v);
	*out = st;
	return n;
}

/* The loaded patch of module @mod among @p[@np], or NULL. */
const struct lkhp_patch_info *loaded_as(const struct lkhp_patch_info *p, int np,
					const char *mod)
{
	int i;

	for (i = 0; i < np; i++)
		if (!strcmp(p[i].module, mod))
			return &p[i];
	return NULL;
}

/*
 * lkhp.service, the modprobe hooks of fix packages (a patched module that
 * udev loads runs 'lkhp boot' first) and the packages' maintainer scripts
 * may run at once during boot or an install: one at a time, so that the
 * second finds the first's patches loaded. Held until exit. The wait is
 * bounded: loading late beats never booting. No /run: no one to wait for.
 */
#define BOOT_LOCK "/run/lkhp.lock"
#define BOOT_LOCK_WAIT_MS 60000

static void boot_lock(void)
{
	int fd = open(BOOT_LOCK, O_RDWR | O_CREAT | O_CLOEXEC, 0600);
	int ms;

	if (fd < 0)
		return;
	for (ms = 0; flock(fd, LOCK_EX | LOCK_NB); ms += 100) {
		if (errno != EWOULDBLOCK || ms >= BOOT_LOCK_WAIT_MS) {
			if (errno == EWOULDBLOCK)
				err("%s: held for %d s: going on without it", BOOT_LOCK,
				    BOOT_LOCK_WAIT_MS / 1000);
			else
				err("%s: %s: going on without it", BOOT_LOCK, strerror(errno));
			return;
		}
		usleep(100 * 1000);
	}
}

/*
 * Load the persistent patches of the running kernel in order, one stdout
 * line each (the journal's record of the boot); a failure does not stop the
 * next. A patch whose module is loaded already is skipped if it is enabled
 * (boot may run twice), a failure if not: the exit status says whether
 * every one is live, not whether its module is loaded.
 */
int cmd_boot(const struct opts *o)
{
	const struct lkhp_patch_info *l;
	struct lkhp_patch_info *p = NULL;
	struct load_error e;
	struct stored *st;
	int n, np, i, failed = 0;
	__u32 id;

	(void)o;
	/* stdout is the journal's pipe: each line as it happens */
	setvbuf(stdout, NULL, _IOLBF, 0);
	boot_lock();
	n = stored_patches(&st);
	if (n <= 0) {
		if (!n)
			printf("lkhp: no persistent patches for %s\n", running_release());
		free(n ? NULL : st);
		return n < 0;
	}
	np = load_runtime() ? -1 : get_all(&p);
	for (i = 0; np >= 0 && i < n; i++) {
		if (!st[i].ok) {
			printf("lkhp: %s: failed: %s\n", st[i].path, st[i].why);
			failed = 1;
			continue;
		}
		l = loaded_as(p, np, st[i].mi.name);
		if (l && l->state == LKHP_STATE_ENABLED) {
			printf("lkhp: %s: already loaded, skipped\n", st[i].mi.patch);
		} else if (l) {
			printf("lkhp: %s: loaded already, but %s: not live\n", st[i].mi.patch,
			       state_name(l->state));
			failed = 1;
		} else if (load_patch(st[i].path, st[i].mi.name, &id, &e)) {
			printf("lkhp: %s: failed: %s%s%s\n", st[i].path, e.msg,
			       e.reason[0] ? "; kernel: " : "", e.reason);
			failed = 1;
		} else {
			printf("lkhp: %s: loaded, enabled\n", st[i].mi.patch);
		}
	}
	free(p);
	free(st);
	return np < 0 || failed;
}

/*
 * After the patch table: the persistent patches of the running kernel, one
 * line per file with its patch name, store and state (or, with @json, the
 * "persistent" member). Nothing in text when there are none, so that the
 * table stays alone. 0, or 1 after an error.
 */
int list_persistent(const struct lkhp_patch_info *p, int np, int json)
{
	struct stored *st;
	int n, i;

	n = stored_patches(&st);
	if (n < 0)
		return 1;
	if (json)
		fputs(", \"persistent\": [", stdout);
	else if (n)
		printf("persistent for %s:\n", running_release());
	for (i = 0; i < n; i++) {
		const struct lkhp_patch_info *l = st[i].ok ? loaded_as(p, np, st[i].mi.name) : NULL;
		const char *state = !st[i].ok ? "unreadable" : l ? state_name(l->state) : "not loaded";

		if (!json) {
			printf("  %-28s %-20s %-21s %s%s\n", st[i].file,
			       st[i].ok ? st[i].mi.patch : "-", stores[st[i].store],
			       l ? "loaded, " : "", st[i].ok ? state : st[i].why);
			continue;
		}
		printf("%s{", i ? ", " : "");
		json_key_str(1, "file", st[i].path);
		json_key_str(0, "store", st[i].store == ADMIN_STORE ? "admin" : "package");
		json_key_str(0, "name", st[i].ok ? st[i].mi.patch : NULL);
		json_key_str(0, "module", st[i].ok ? st[i].mi.name : NULL);
		json_key_str(0, "state", state);
		json_key_str(0, "error", st[i].ok ? NULL : st[i].why);
		putchar('}');
	}
	if (json)
		putchar(']');
	free(st);
	return 0;
}
