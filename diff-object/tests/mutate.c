/*
 * mutate SEED IN OUT: write IN with one seeded corruption aimed at what
 * lkhp-diff must validate: truncation, section header fields, symbol and
 * relocation indexes, header counts, unterminated string sections (libdw
 * returns names from .debug_str unchecked: a fuzzer find), random bytes.
 */
#include <elf.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned long long state;

static unsigned rnd(unsigned n)
{
	state = state * 6364136223846793005ULL + 1442695040888963407ULL;
	return n ? (unsigned)(state >> 33) % n : 0;
}

static unsigned evil(void)
{
	static const unsigned v[] = { 0, 1, 0xffffffffu, 0x7fffffffu, 0x80000000u, 0xffff, 0xff00 };

	return rnd(3) ? v[rnd(sizeof(v) / sizeof(v[0]))] : rnd(0x10000);
}

/* The file offset of entry i of the first section of the given type. */
static long entry(unsigned char *b, long n, unsigned type, unsigned esz)
{
	Elf32_Ehdr *eh = (Elf32_Ehdr *)b;
	unsigned i;

	for (i = 0; i < eh->e_shnum; i++) {
		Elf32_Shdr *sh = (Elf32_Shdr *)(b + eh->e_shoff + i * sizeof(Elf32_Shdr));

		if ((long)(eh->e_shoff + (i + 1) * sizeof(Elf32_Shdr)) > n)
			return -1;
		if (sh->sh_type == type && sh->sh_size >= esz && sh->sh_offset + sh->sh_size <= n)
			return sh->sh_offset + rnd(sh->sh_size / esz) * esz;
	}
	return -1;
}

static void put32(unsigned char *p, unsigned v)
{
	memcpy(p, &v, 4);
}

int main(int argc, char **argv)
{
	FILE *f;
	unsigned char *b;
	long n, at;
	Elf32_Ehdr *eh;

	if (argc != 4)
		return 2;
	state = strtoull(argv[1], NULL, 0) * 2654435761ULL + 1;
	f = fopen(argv[2], "rb");
	if (!f || fseek(f, 0, SEEK_END) || (n = ftell(f)) < (long)sizeof(Elf32_Ehdr))
		return 2;
	rewind(f);
	b = malloc(n);
	if (!b || fread(b, 1, n, f) != (size_t)n)
		return 2;
	fclose(f);
	eh = (Elf32_Ehdr *)b;
	if (eh->e_shoff + (long)eh->e_shnum * sizeof(Elf32_Shdr) > (unsigned long)n)
		return 2;

	switch (rnd(7)) {
	case 0:		/* truncated */
		n = rnd(n);
		break;
	case 1: {	/* a section header field */
		Elf32_Shdr *sh = (Elf32_Shdr *)(b + eh->e_shoff + rnd(eh->e_shnum) * sizeof(*sh));

		put32((unsigned char *)sh + 4 * rnd(10), evil());
		break;
	}
	case 2:		/* a symbol: name, value, size, info/other/shndx */
		at = entry(b, n, SHT_SYMTAB, sizeof(Elf32_Sym));
		if (at >= 0)
			put32(b + at + 4 * rnd(4), evil());
		break;
	case 3:		/* a relocation: offset or symbol index/type */
		at = entry(b, n, SHT_REL, sizeof(Elf32_Rel));
		if (at >= 0)
			put32(b + at + 4 * rnd(2), rnd(2) ? evil() : (evil() << 8) | rnd(12));
		break;
	case 4:		/* header counts and indexes */
		switch (rnd(4)) {
		case 0: eh->e_shnum = (Elf32_Half)evil(); break;
		case 1: eh->e_shstrndx = (Elf32_Half)evil(); break;
		case 2: eh->e_shoff = evil(); break;
		default: eh->e_shentsize = (Elf32_Half)evil(); break;
		}
		break;
	case 5: {	/* a string section (SHF_STRINGS) whose last NUL is gone */
		unsigned i;

		for (i = 0; i < eh->e_shnum; i++) {
			Elf32_Shdr *sh = (Elf32_Shdr *)(b + eh->e_shoff + i * sizeof(*sh));

			if ((sh->sh_flags & SHF_STRINGS) && sh->sh_size &&
			    sh->sh_offset + sh->sh_size <= (unsigned long)n)
				b[sh->sh_offset + sh->sh_size - 1] = 'x';
		}
		break;
	}
	default: {	/* a few random bytes */
		int k;

		for (k = 0; k < 8; k++)
			b[rnd(n)] = (unsigned char)rnd(256);
	}
	}
	f = fopen(argv[3], "wb");
	if (!f || fwrite(b, 1, n, f) != (size_t)n || fclose(f))
		return 2;
	free(b);
	return 0;
}
