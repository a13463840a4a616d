/*
 * vmlinux-syms VMLINUX OUT.h SYMBOL...: the link-time facts of vmlinux
 * symbols as a C header for the runtime's test modules (runtime-kmod/tests),
 * read through the ELF model (elf_obj_open_executable()).
 *   SYM_<name>_ADDR, _SIZE, _SITE   for each SYMBOL, a unique sized symbol;
 *                                    SITE is 5 when a function starts with
 *                                    `call __fentry__`, else 0
 *   LKHP_TEST_ANCHOR_ADDR            the KASLR anchor's address
 *   LKHP_TEST_DATA_ANCHOR_ADDR       the data anchor's address
 *   LKHP_TEST_SHORT_NAME, SYM_SHORT_* a function with an ftrace site shorter
 *                                    than 12 bytes (the first by name)
 *   LKHP_TEST_SYSCALLS(X)            100 rarely used syscall entry points
 * Sized symbols only, as `nm -S` lists them; a name is unique if one sized
 * symbol has it, and an address is taken only if no other sized symbol
 * shares it (kallsyms shows one name per address).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <lkhp/consts.h>

#include "../../elf.h"
#include "../../warn.h"

static const char *const rare_syscalls[] = {
	"acct", "add_key", "adjtimex_time32", "bpf", "capget", "capset", "chroot",
	"clock_adjtime32", "clock_getres_time32", "clock_settime32", "epoll_create",
	"fadvise64_64", "fallocate", "fanotify_init", "fanotify_mark", "fchownat",
	"fgetxattr", "flistxattr", "fremovexattr", "fsetxattr", "fsmount", "fsopen", "fspick",
	"futex_waitv", "get_mempolicy", "get_robust_list", "getxattr", "inotify_add_watch",
	"inotify_init", "inotify_rm_watch", "io_cancel", "io_destroy", "io_getevents_time32",
	"io_setup", "io_submit", "io_uring_enter", "io_uring_register", "io_uring_setup",
	"ioperm", "iopl", "ioprio_get", "ioprio_set", "kcmp", "kexec_load", "keyctl",
	"landlock_add_rule", "landlock_create_ruleset", "landlock_restrict_self", "lchown",
	"lgetxattr", "linkat", "listxattr", "llistxattr", "lookup_dcookie", "lremovexattr",
	"lsetxattr", "mbind", "membarrier", "memfd_create", "migrate_pages", "mlock", "mlock2",
	"mlockall", "modify_ldt", "mount_setattr", "move_mount", "move_pages",
	"mq_getsetattr", "mq_notify", "mq_open", "mq_timedreceive_time32",
	"mq_timedsend_time32", "mq_unlink", "msgctl", "msgget", "msgrcv", "msgsnd", "munlock",
	"munlockall", "name_to_handle_at", "open_by_handle_at", "open_tree",
	"perf_event_open", "personality", "pidfd_getfd", "pidfd_open", "pidfd_send_signal",
	"pivot_root", "pkey_alloc", "pkey_free", "pkey_mprotect", "process_madvise",
	"process_mrelease", "process_vm_readv", "process_vm_writev", "quotactl",
	"quotactl_fd", "remap_file_pages", "removexattr", "request_key",
	"rt_tgsigqueueinfo", "sched_getattr", "sched_setattr", "semctl", "semget",
	"semtimedop_time32", "set_mempolicy", "setdomainname", "setfsgid", "setfsuid",
	"setns", "setxattr", "sgetmask", "shmat", "shmctl", "shmdt", "shmget", "ssetmask",
	"swapoff", "swapon", "sync_file_range", "syncfs", "sysfs", "tee", "timerfd_create",
	"unshare", "uselib", "userfaultfd", "ustat", "vhangup", "vm86", "vm86old", "vmsplice",
	NULL,
};

#define NSYSCALLS 100

static struct elf_obj vm;
static struct htab by_name, by_addr;
static uint32_t fentry;

static bool sized(const struct symbol *s)
{
	return s->sec && s->sym.st_size && s->type != STT_SECTION && s->type != STT_FILE;
}

static size_t count(const struct htab *h, const char *key, const struct symbol **one)
{
	struct hent *e;
	size_t n = 0;

	for (e = htab_first(h, key); e; e = htab_next(e), n++)
		*one = e->val;
	return n;
}

static const struct symbol *unique(const char *name)
{
	const struct symbol *s = NULL;

	return count(&by_name, name, &s) == 1 ? s : NULL;
}

static bool alone_at(const struct symbol *s, char *key)
{
	const struct symbol *o;

	sprintf(key, "%08x", (unsigned)s->sym.st_value);
	return count(&by_addr, key, &o) == 1;
}

static bool in_text(const struct symbol *s)
{
	return s->sec->sh.sh_flags & SHF_EXECINSTR;
}

/* 5 when the function at s starts with `call __fentry__`. */
static int site(const struct symbol *s)
{
	struct section *sec = s->sec;
	const unsigned char *p = elf_section_bytes(sec);
	uint64_t off = s->sym.st_value - sec->sh.sh_addr;
	int32_t rel;

	if (!p || !in_text(s) || off + LKHP_SITE_FENTRY > sec->size || p[off] != 0xe8)
		return 0;
	rel = (int32_t)((uint32_t)p[off + 1] | (uint32_t)p[off + 2] << 8 |
			(uint32_t)p[off + 3] << 16 | (uint32_t)p[off + 4] << 24);
	return (uint32_t)s->sym.st_value + LKHP_SITE_FENTRY + (uint32_t)rel == fentry ?
	       LKHP_SITE_FENTRY : 0;
}

static int define(FILE *f, const char *macro, const char *name)
{
	const struct symbol *s = unique(name);
	bool code = s && (in_text(s) || (s->bind == STB_WEAK && s->type != STT_OBJECT));

	if (!s) {
		fprintf(stderr, "vmlinux-syms: %s: not a unique vmlinux symbol\n", name);
		return -1;
	}
	fprintf(f, "#define SYM_%s_ADDR %#x\n#define SYM_%s_SIZE %#x\n#define SYM_%s_SITE %d\n",
		macro, (unsigned)s->sym.st_value, macro, (unsigned)s->sym.st_size, macro,
		code ? site(s) : 0);
	return 0;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp((*(const struct symbol *const *)a)->name,
		      (*(const struct symbol *const *)b)->name);
}

/* The first by name of the unique functions of 6-11 bytes with a site. */
static const struct symbol *short_function(void)
{
	const struct symbol **v = calloc(vm.nsyms, sizeof(*v)), *found = NULL;
	char key[16];
	size_t i, n = 0;

	for (i = 1; v && i < vm.nsyms; i++) {
		const struct symbol *s = &vm.syms[i];

		if (sized(s) && in_text(s) && s->bind != STB_WEAK && s->sym.st_size >= 6 &&
		    s->sym.st_size < 12 && unique(s->name) && alone_at(s, key) && site(s))
			v[n++] = s;
	}
	if (n) {
		qsort(v, n, sizeof(*v), cmp_name);
		found = v[0];
	}
	free(v);
	return found;
}

static int write_header(FILE *f, const char *path, char **wanted, int nwanted)
{
	const struct symbol *anchor = unique(LKHP_ANCHOR_SYMBOL), *s;
	const struct symbol *data_anchor = unique(LKHP_DATA_ANCHOR_SYMBOL);
	char name[128], key[16];
	int i, n = 0;

	if (!anchor || !data_anchor) {
		fprintf(stderr, "vmlinux-syms: no unique %s or %s\n", LKHP_ANCHOR_SYMBOL,
			LKHP_DATA_ANCHOR_SYMBOL);
		return -1;
	}
	fprintf(f, "/* Generated by vmlinux-syms from %s */\n", path);
	fprintf(f, "#define LKHP_TEST_ANCHOR_ADDR %#x\n", (unsigned)anchor->sym.st_value);
	fprintf(f, "#define LKHP_TEST_DATA_ANCHOR_ADDR %#x\n",
		(unsigned)data_anchor->sym.st_value);
	for (i = 0; i < nwanted; i++)
		if (define(f, wanted[i], wanted[i]))
			return -1;
	s = short_function();
	if (!s) {
		fprintf(stderr, "vmlinux-syms: no function shorter than 12 bytes\n");
		return -1;
	}
	fprintf(f, "#define LKHP_TEST_SHORT_NAME \"%s\"\n", s->name);
	if (define(f, "SHORT", s->name))
		return -1;
	fputs("#define LKHP_TEST_SYSCALLS(X) \\\n", f);
	for (i = 0; rare_syscalls[i] && n < NSYSCALLS; i++) {
		snprintf(name, sizeof(name), "__ia32_sys_%s", rare_syscalls[i]);
		s = unique(name);
		if (!s || s->sym.st_size < 12 || !alone_at(s, key) || !site(s))
			continue;
		fprintf(f, "\tX(\"%s\", %#x, %#x) \\\n", name, (unsigned)s->sym.st_value,
			(unsigned)s->sym.st_size);
		n++;
	}
	if (n < NSYSCALLS) {
		fprintf(stderr, "vmlinux-syms: only %d rare syscalls found\n", n);
		return -1;
	}
	fputs("\n", f);
	return 0;
}

int main(int argc, char **argv)
{
	const struct symbol *fe;
	char *keys, tmp[4096];
	size_t i;
	FILE *f;
	int ret = 1;

	lkhp_tool = "vmlinux-syms";
	if (argc < 3) {
		fprintf(stderr, "usage: vmlinux-syms VMLINUX OUT.h SYMBOL...\n");
		return 1;
	}
	elf_version(EV_CURRENT);
	if (elf_obj_open_executable(&vm, argv[1]) || htab_init(&by_name, vm.nsyms) ||
	    htab_init(&by_addr, vm.nsyms))
		return 1;
	keys = calloc(vm.nsyms, 9);
	for (i = 1; keys && i < vm.nsyms; i++) {
		const struct symbol *s = &vm.syms[i];

		if (!sized(s))
			continue;
		sprintf(keys + i * 9, "%08x", (unsigned)s->sym.st_value);
		if (htab_add(&by_name, s->name, (void *)s) ||
		    htab_add(&by_addr, keys + i * 9, (void *)s))
			return 1;
	}
	fe = unique("__fentry__");
	if (!keys || !fe) {
		fprintf(stderr, "vmlinux-syms: no __fentry__\n");
		return 1;
	}
	fentry = (uint32_t)fe->sym.st_value;
	snprintf(tmp, sizeof(tmp), "%s.tmp", argv[2]);
	f = fopen(tmp, "w");
	if (f && !write_header(f, argv[1], argv + 3, argc - 3) && !fclose(f) &&
	    !rename(tmp, argv[2]))
		ret = 0;
	else if (f)
		remove(tmp);
	return ret;
}
