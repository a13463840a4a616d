/* The narrow interface to architecture facts (arch/x86_32.c). */
#ifndef LKHP_ARCH_H
#define LKHP_ARCH_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct reloc;

/*
 * One kind of special section: a table of fixed-size entries, each owned by
 * the function that one of its relocations points into.
 */
struct special_desc {
	const char *name;
	const char *dwarf_type;	/* struct whose DW_AT_byte_size is one entry */
	unsigned size;		/* entry size when the object has no DWARF */
	unsigned owner_off;	/* relocation naming the owning function */
	int aux_off;		/* relocation to a code blob elsewhere, -1: none */
	int aux_len_off;	/* u8 in the entry: the blob's length */
	int ignore_off;		/* __LINE__ field left out of comparisons, -1: none */
	unsigned ignore_len;
};

extern const struct special_desc arch_specials[];

const char *arch_reloc_name(uint32_t type);
unsigned arch_reloc_width(uint32_t type);
bool arch_reloc_supported(uint32_t type);
int32_t arch_read_addend(const unsigned char *p, unsigned width);
void arch_write_addend(unsigned char *p, unsigned width, int32_t val);
int64_t arch_reloc_target(const struct reloc *r);
bool arch_line_immediate(const unsigned char *code, size_t len, size_t off,
			 size_t *imm, unsigned *imm_len);
bool arch_line_function(const char *name);

/* One decoded instruction: its length and where its operand fields lie. */
struct arch_insn {
	unsigned len;
	unsigned disp_off, disp_len;	/* memory displacement (or moffs); 0: none */
	unsigned imm_off, imm_len;	/* immediate or branch displacement; 0: none */
	bool rel;			/* the immediate is a PC-relative branch */
};

/* The instruction at code[0, avail); false: one the decoder does not know. */
bool arch_decode(const unsigned char *code, size_t avail, struct arch_insn *insn);
/* A no-op an assembler pads with (nop, nopl, lea 0(%reg),%reg, ...). */
bool arch_insn_is_nop(const unsigned char *code, const struct arch_insn *insn);
/*
 * What a PC-relative branch does, whatever its encoding (a short and a near
 * jcc of one condition are one kind): >= 0, or -1 for other instructions.
 */
int arch_branch_kind(const unsigned char *code, const struct arch_insn *insn);
/* Where a PC-relative branch at offset off goes (off + length + displacement). */
int64_t arch_branch_target(const unsigned char *code, const struct arch_insn *insn,
			   uint64_t off);

#endif
