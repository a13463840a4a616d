// SPDX-License-Identifier: GPL-2.0
/*
 * What a module file says of itself: the tags of its ELF .modinfo section
 * (its module name, and for an LKHP patch module the patch and the kernel
 * release it is built for), read without trusting any offset in it.
 */
#define _GNU_SOURCE
#include <elf.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

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
int read_modinfo(const char *file, struct modinfo *mi, char *why, size_t len)
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
int read_patch_modinfo(const char *file, struct modinfo *mi, char *why, size_t len)
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
