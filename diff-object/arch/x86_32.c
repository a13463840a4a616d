/* i386 facts: REL relocations, special section layouts, __LINE__ immediates. */
#include <elf.h>
#include <string.h>

#include <lkhp/consts.h>

#include "../arch.h"
#include "../elf.h"

/*
 * Entry layouts of the i386 6.1 kernel (CONFIG_DEBUG_BUGVERBOSE=y, no
 * GENERIC_BUG_RELATIVE_POINTERS, _ASM_PTR = .long).  The sizes are the
 * fallback; special.c prefers the DWARF size of dwarf_type when present.
 *   __bug_table        .long 1b; .long file; .word line; .word flags
 *   __ex_table         .long insn-.; .long fixup-.; .long type
 *   __jump_table       .long 1b-.; .long l_yes-.; .long key+branch-.
 *   .altinstructions   .long 661b-.; .long 6641f-.; .word cpuid; .byte len, rlen
 *   .parainstructions  .long 771b; .byte type; .byte len; .short clobber
 *   .smp_locks         .long 671f-.
 *   .static_call_sites .long addr-.; .long key-.
 *   __mcount_loc       .long func (recordmcount / -mrecord-mcount)
 */
const struct special_desc arch_specials[] = {
	/* name                 dwarf type               size own aux len  ign  len */
	{ "__bug_table",        "bug_entry",              12, 0, -1, -1,   8, 2 },
	{ "__ex_table",         "exception_table_entry",  12, 0, -1, -1,  -1, 0 },
	{ "__jump_table",       "jump_entry",   LKHP_JUMP_ENTRY_SIZE, 0, -1, -1, -1, 0 },
	{ ".altinstructions",   "alt_instr",     LKHP_ALT_INSTR_SIZE, 0,  4,
	  LKHP_ALT_REPLLEN_OFF, -1, 0 },
	{ ".parainstructions",  "paravirt_patch_site", LKHP_PARAVIRT_SITE_SIZE, 0, -1, -1, -1, 0 },
	{ ".smp_locks",         NULL,                      4, 0, -1, -1,  -1, 0 },
	{ ".static_call_sites", "static_call_site",        8, 0, -1, -1,  -1, 0 },
	{ "__mcount_loc",       NULL,                      4, 0, -1, -1,  -1, 0 },
	{ NULL, NULL, 0, 0, -1, -1, -1, 0 },
};

const char *arch_reloc_name(uint32_t type)
{
	static const char *const names[] = {
		[R_386_NONE] = "R_386_NONE", [R_386_32] = "R_386_32",
		[R_386_PC32] = "R_386_PC32", [R_386_GOT32] = "R_386_GOT32",
		[R_386_PLT32] = "R_386_PLT32", [R_386_GOTOFF] = "R_386_GOTOFF",
		[R_386_GOTPC] = "R_386_GOTPC", [R_386_16] = "R_386_16",
		[R_386_PC16] = "R_386_PC16", [R_386_8] = "R_386_8",
		[R_386_PC8] = "R_386_PC8",
	};

	if (type < sizeof(names) / sizeof(names[0]) && names[type])
		return names[type];
	return "unknown";
}

unsigned arch_reloc_width(uint32_t type)
{
	switch (type) {
	case R_386_32: case R_386_PC32: case R_386_PLT32: case R_386_GOT32:
	case R_386_GOTOFF: case R_386_GOTPC: case R_386_GOT32X:
		return 4;
	case R_386_16: case R_386_PC16:
		return 2;
	case R_386_8: case R_386_PC8:
		return 1;
	default:
		return 0;
	}
}

/* What a patch object may carry: the kernel is not PIC, so no GOT forms. */
bool arch_reloc_supported(uint32_t type)
{
	return type == R_386_32 || type == R_386_PC32 || type == R_386_PLT32;
}

int32_t arch_read_addend(const unsigned char *p, unsigned width)
{
	switch (width) {
	case 4:
		return (int32_t)((uint32_t)p[0] | (uint32_t)p[1] << 8 |
				 (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24);
	case 2:
		return (int16_t)(p[0] | p[1] << 8);
	case 1:
		return (int8_t)p[0];
	default:
		return 0;
	}
}

void arch_write_addend(unsigned char *p, unsigned width, int32_t val)
{
	uint32_t v = (uint32_t)val;
	unsigned i;

	for (i = 0; i < width; i++)
		p[i] = (unsigned char)(v >> (8 * i));
}

/*
 * The byte a relocation refers to, relative to its symbol.  In code a
 * PC-relative field ends its instruction (call/jmp rel32, jmp rel8), so the
 * addend is "target - width":
 *   e8 fc ff ff ff    call .text.helper-0x4
 * In data (`.long 1b - .`) the addend is the target itself.
 */
int64_t arch_reloc_target(const struct reloc *r)
{
	bool pcrel = r->type == R_386_PC32 || r->type == R_386_PLT32 ||
		     r->type == R_386_PC16 || r->type == R_386_PC8;

	if (pcrel && sec_is_text(r->sec))
		return (int64_t)r->addend + r->width;
	return r->addend;
}

/*
 * Is code[off] inside the immediate of an instruction that loads a
 * constant argument: mov $imm32,%reg (b8+r), push $imm32 (68),
 * push $imm8 (6a), movl $imm32,(%esp) / d8(%reg) (c7 04 24 / c7 4x d8)?
 * __LINE__ reaches code only this way (might_sleep(), WARN's printk args,
 * mlog()).  The immediate is [*imm, *imm + *len), the instruction's end.
 */
bool arch_line_immediate(const unsigned char *code, size_t len, size_t off,
			 size_t *imm, unsigned *imm_len)
{
	size_t back;

	for (back = 1; back <= 7 && back <= off; back++) {
		size_t s = off - back, at;
		unsigned n;
		unsigned char op = code[s];

		if ((op >= 0xb8 && op <= 0xbf) || op == 0x68) {
			at = 1; n = 4;
		} else if (op == 0x6a) {
			at = 1; n = 1;
		} else if (op == 0xc7 && s + 2 < len && code[s + 1] == 0x04 &&
			   code[s + 2] == 0x24) {
			at = 3; n = 4;
		} else if (op == 0xc7 && s + 3 < len && code[s + 1] == 0x44 &&
			   code[s + 2] == 0x24) {
			at = 4; n = 4;
		} else if (op == 0xc7 && s + 1 < len &&
			   (code[s + 1] & 0xf8) == 0x40 && code[s + 1] != 0x44) {
			at = 3; n = 4;
		} else {
			continue;
		}
		if (off >= s + at && off < s + at + n && s + at + n <= len) {
			*imm = s + at;
			*imm_len = n;
			return true;
		}
	}
	return false;
}

/*
 * Callees that take __LINE__ as an argument in the 6.1 kernel: the rule for
 * objects without a line table (lines.c decides where there is one).
 */
bool arch_line_function(const char *name)
{
	static const char *const funcs[] = {
		"__might_sleep", "__might_resched", "__might_fault",
		"__cant_sleep", "__cant_migrate", "__warn_printk",
		"warn_slowpath_fmt", NULL,
	};
	size_t i;

	for (i = 0; funcs[i]; i++)
		if (!strcmp(name, funcs[i]))
			return true;
	return false;
}
