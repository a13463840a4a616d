/*
 * Instruction lengths of 32-bit x86 code, and where each instruction's
 * displacement and immediate are: enough to walk a function instruction by
 * instruction and find its branches.  Not a disassembler: an opcode this
 * table does not know (SSE beyond the 0F map, VEX, EVEX, XOP, 3DNow!) makes the
 * decode fail, and the caller refuses rather than guesses.
 */
#include <stdint.h>

#include "../arch.h"

/* What follows an opcode: a ModRM byte, and an immediate of what size. */
enum {
	M = 0x10,		/* ModRM (with SIB and displacement) follows */
	I1 = 1,			/* 8-bit immediate */
	I2 = 2,			/* 16-bit immediate */
	IZ = 3,			/* 16 or 32 bits (operand size) */
	IA = 4,			/* a moffs: 16 or 32 bits (address size) */
	IP = 5,			/* a far pointer: 16:16 or 16:32 */
	IE = 6,			/* enter: 16-bit and 8-bit */
	R1 = 0x20 | I1,		/* 8-bit branch displacement */
	RZ = 0x20 | IZ,		/* 16- or 32-bit branch displacement */
	G3 = 0x40,		/* F6/F7: an immediate only for /0 and /1 (test) */
	BAD = 0x80,		/* not decoded */
	P = 0x100,		/* a prefix */
	NONE = 0,
};

#define IMM(f) ((f) & 0x0f)

static const uint16_t one_byte[256] = {
	/* 00-3f: the eight ALU groups, segment push/pop, BCD adjusts */
	[0x00] = M, M, M, M, I1, IZ, NONE, NONE, M, M, M, M, I1, IZ, NONE, BAD,
	[0x10] = M, M, M, M, I1, IZ, NONE, NONE, M, M, M, M, I1, IZ, NONE, NONE,
	[0x20] = M, M, M, M, I1, IZ, P, NONE, M, M, M, M, I1, IZ, P, NONE,
	[0x30] = M, M, M, M, I1, IZ, P, NONE, M, M, M, M, I1, IZ, P, NONE,
	/* 40-5f: inc, dec, push, pop */
	[0x60] = NONE, NONE, M, M, P, P, P, P, IZ, M | IZ, I1, M | I1, NONE, NONE, NONE, NONE,
	[0x70] = R1, R1, R1, R1, R1, R1, R1, R1, R1, R1, R1, R1, R1, R1, R1, R1,
	[0x80] = M | I1, M | IZ, M | I1, M | I1, M, M, M, M, M, M, M, M, M, M, M, M,
	[0x90] = NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, NONE, IP, NONE,
		 NONE, NONE, NONE, NONE,
	[0xa0] = IA, IA, IA, IA, NONE, NONE, NONE, NONE, I1, IZ, NONE, NONE, NONE, NONE,
		 NONE, NONE,
	[0xb0] = I1, I1, I1, I1, I1, I1, I1, I1, IZ, IZ, IZ, IZ, IZ, IZ, IZ, IZ,
	/* c4/c5/62 are les/lds/bound here, or VEX/EVEX: vector_prefix() */
	[0xc0] = M | I1, M | I1, I2, NONE, M, M, M | I1, M | IZ, IE, NONE, I2, NONE,
		 NONE, I1, NONE, NONE,
	[0xd0] = M, M, M, M, I1, I1, NONE, NONE, M, M, M, M, M, M, M, M,
	[0xe0] = R1, R1, R1, R1, I1, I1, I1, I1, RZ, RZ, IP, R1, NONE, NONE, NONE, NONE,
	[0xf0] = P, NONE, P, P, NONE, NONE, M | G3, M | G3, NONE, NONE, NONE, NONE,
		 NONE, NONE, M, M,
};

static const uint16_t two_byte[256] = {
	[0x00] = M, M, M, M, BAD, NONE, NONE, NONE, NONE, NONE, BAD, NONE, BAD, M, NONE, BAD,
	[0x10] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	[0x20] = M, M, M, M, BAD, BAD, BAD, BAD, M, M, M, M, M, M, M, M,
	[0x30] = NONE, NONE, NONE, NONE, NONE, NONE, BAD, NONE, BAD, BAD, BAD, BAD,
		 BAD, BAD, BAD, BAD,
	[0x40] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	[0x50] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	[0x60] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	[0x70] = M | I1, M | I1, M | I1, M | I1, M, M, M, NONE, M, M, BAD, BAD, M, M, M, M,
	[0x80] = RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ, RZ,
	[0x90] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	[0xa0] = NONE, NONE, NONE, M, M | I1, M, BAD, BAD, NONE, NONE, NONE, M, M | I1, M,
		 M, M,
	[0xb0] = M, M, M, M, M, M, M, M, M, M, M | I1, M, M, M, M, M,
	[0xc0] = M, M, M | I1, M, M | I1, M | I1, M | I1, M, NONE, NONE, NONE, NONE,
		 NONE, NONE, NONE, NONE,
	[0xd0] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	[0xe0] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
	[0xf0] = M, M, M, M, M, M, M, M, M, M, M, M, M, M, M, M,
};

/* Bytes of ModRM, SIB and displacement at p; 0 if they run past end. */
static unsigned modrm_len(const unsigned char *p, const unsigned char *end, bool addr16,
			  unsigned *disp_len)
{
	unsigned mod, rm, len = 1;

	if (p >= end)
		return 0;
	mod = p[0] >> 6;
	rm = p[0] & 7;
	*disp_len = 0;
	if (mod == 3)
		return 1;
	if (addr16) {
		if (mod == 1)
			*disp_len = 1;
		else if (mod == 2 || (mod == 0 && rm == 6))
			*disp_len = 2;
	} else {
		if (rm == 4) {
			if (p + 1 >= end)
				return 0;
			len++;
			if (mod == 0 && (p[1] & 7) == 5)
				*disp_len = 4;
		}
		if (mod == 1)
			*disp_len = 1;
		else if (mod == 2 || (mod == 0 && rm == 5))
			*disp_len = 4;
	}
	if ((size_t)(end - p) < len + *disp_len)
		return 0;
	return len + *disp_len;
}

/*
 * In 32-bit mode VEX (c4/c5) and EVEX (62) hide behind les/lds/bound: they
 * are the prefix when the next byte has a register ModRM.  XOP (8f) hides
 * behind pop r/m: it is XOP when ModRM.reg is not 0.
 */
static bool vector_prefix(const unsigned char *p, const unsigned char *end)
{
	if (p + 1 >= end)
		return false;
	if (*p == 0xc4 || *p == 0xc5 || *p == 0x62)
		return (p[1] >> 6) == 3;
	return *p == 0x8f && ((p[1] >> 3) & 7) != 0;
}

bool arch_decode(const unsigned char *code, size_t avail, struct arch_insn *in)
{
	const unsigned char *p = code, *end = code + avail;
	bool op16 = false, addr16 = false;
	unsigned flags, n, disp_len = 0, imm;

	while (p < end && (one_byte[*p] & P)) {
		op16 |= *p == 0x66;
		addr16 |= *p == 0x67;
		if (++p - code > 14)
			return false;
	}
	if (p >= end)
		return false;
	if (*p == 0x0f) {
		if (++p >= end)
			return false;
		if (*p == 0x38 || *p == 0x3a) {		/* three-byte maps: ModRM (and ib) */
			flags = M | (*p == 0x3a ? I1 : 0);
			p++;
		} else {
			flags = two_byte[*p];
		}
	} else {
		flags = one_byte[*p];
		if (vector_prefix(p, end))
			return false;
	}
	if (flags & BAD)
		return false;
	p++;
	in->disp_off = in->disp_len = 0;
	if (flags & M) {
		n = modrm_len(p, end, addr16, &disp_len);
		if (!n)
			return false;
		if (disp_len) {
			in->disp_off = (unsigned)(p - code) + n - disp_len;
			in->disp_len = disp_len;
		}
		/* test is the only F6/F7 form with an immediate */
		if ((flags & G3) && ((p[0] >> 3) & 7) < 2)
			flags |= p[-1] == 0xf6 ? I1 : IZ;
		p += n;
	}
	switch (IMM(flags)) {
	case I1: imm = 1; break;
	case I2: imm = 2; break;
	case IZ: imm = op16 ? 2 : 4; break;
	case IA: imm = addr16 ? 2 : 4; break;
	case IP: imm = op16 ? 4 : 6; break;
	case IE: imm = 3; break;
	default: imm = 0; break;
	}
	if ((size_t)(end - p) < imm)
		return false;
	in->imm_off = (unsigned)(p - code);
	in->imm_len = imm;
	in->rel = (flags & 0x20) != 0;
	/* a moffs is an address: it is the displacement of its instruction */
	if (IMM(flags) == IA) {
		in->disp_off = in->imm_off;
		in->disp_len = imm;
		in->imm_len = 0;
	}
	in->len = (unsigned)(p - code) + imm;
	return true;
}

/* The opcode byte after the legacy prefixes. */
static const unsigned char *skip_prefixes(const unsigned char *code, const struct arch_insn *in)
{
	const unsigned char *p = code;

	while (p < code + in->len && (one_byte[*p] & P))
		p++;
	return p;
}

bool arch_insn_is_nop(const unsigned char *code, const struct arch_insn *in)
{
	const unsigned char *p = skip_prefixes(code, in), *end = code + in->len;
	unsigned modrm, reg, base;

	if (p >= end)
		return false;
	if (*p == 0x90)
		return true;
	if (*p == 0x0f)
		return p + 1 < end && p[1] == 0x1f;	/* nopl */
	if (*p != 0x8d || p + 1 >= end)
		return false;
	/* lea 0(%reg),%reg and lea 0(%reg,%eiz,1),%reg: the old gas padding */
	modrm = p[1];
	reg = (modrm >> 3) & 7;
	base = modrm & 7;
	if (modrm >> 6 == 3 || (modrm >> 6 == 0 && base == 5))
		return false;
	if (base == 4) {
		if (p + 2 >= end || ((p[2] >> 3) & 7) != 4)
			return false;
		base = p[2] & 7;
	}
	if (base != reg)
		return false;
	for (p = code + in->disp_off; in->disp_len && p < code + in->disp_off + in->disp_len; p++)
		if (*p)
			return false;
	return true;
}

int arch_branch_kind(const unsigned char *code, const struct arch_insn *in)
{
	const unsigned char *p = skip_prefixes(code, in);

	if (!in->rel)
		return -1;
	if (*p >= 0x70 && *p <= 0x7f)
		return *p & 0xf;			/* jcc rel8 */
	if (*p == 0x0f && p[1] >= 0x80 && p[1] <= 0x8f)
		return p[1] & 0xf;			/* jcc rel32 */
	if (*p == 0xeb || *p == 0xe9)
		return 16;				/* jmp */
	if (*p == 0xe8)
		return 17;				/* call */
	return 18 + *p;					/* loop, jecxz: one form each */
}

int64_t arch_branch_target(const unsigned char *code, const struct arch_insn *in, uint64_t off)
{
	int64_t d;

	switch (in->imm_len) {
	case 1: d = (int8_t)code[in->imm_off]; break;
	case 2: d = (int16_t)(code[in->imm_off] | code[in->imm_off + 1] << 8); break;
	default: d = (int32_t)((uint32_t)code[in->imm_off] | (uint32_t)code[in->imm_off + 1] << 8 |
			       (uint32_t)code[in->imm_off + 2] << 16 |
			       (uint32_t)code[in->imm_off + 3] << 24); break;
	}
	return (int64_t)off + in->len + d;
}
