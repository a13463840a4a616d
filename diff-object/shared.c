/*
 * Functions that share a section: every __sched function is in .sched.text,
 * __ref ones in .ref.text, and so on (-ffunction-sections does not split a
 * section the source names).  Each is compared and carried alone, which
 * works as long as every reference leaving it has a relocation.  gas
 * resolves a branch to a local function of the same section itself:
 *   374:  e8 37 fe ff ff   call 1b0 <do_nanosleep>     (no relocation)
 * so this pass walks each such function instruction by instruction and
 * gives every rel32 branch to another function of its section the
 * R_386_PC32 relocation gas left out.  What it cannot make safe (an 8-bit
 * jump to a sibling, a branch into the middle of one, code it cannot
 * decode) marks the function: check.c refuses it if the patch needs it.
 * An 8-bit jump still gets its R_386_PC8, so that the function compares
 * by target: a sibling that grew does not make it changed.
 * Runs on both objects, before anything is compared.
 */
#include <elf.h>

#include "arch.h"
#include "diff.h"
#include "warn.h"

/* The function symbol of sec starting at off, or NULL. */
static struct symbol *func_at(const struct section *sec, uint64_t off)
{
	struct symbol *s = section_symbol_at(sec, off);

	return s && sym_is_func(s) && s->sym.st_value == off ? s : NULL;
}

static void unsplittable(struct symbol *f, const char *why, uint64_t at)
{
	if (pass(f)->unsplittable)
		return;
	pass(f)->unsplittable = why;
	pass(f)->unsplittable_at = at - f->sym.st_value;
	NOTE(f->obj->path, "%s: cannot leave %s alone: %s at +0x%lx", f->name, f->sec->name,
	     why, (unsigned long)pass(f)->unsplittable_at);
}

/*
 * A relocation must be an operand of the instruction it lies in: anything
 * else means the walk lost the instruction boundaries.
 */
static bool reloc_fits(const struct reloc *r, uint64_t insn, const struct arch_insn *in)
{
	uint64_t off = r->offset - insn;

	return (in->disp_len && off == in->disp_off && r->width == in->disp_len) ||
	       (in->imm_len && off >= in->imm_off && off + r->width <= in->imm_off + in->imm_len);
}

static int split_function(struct section *sec, struct symbol *f)
{
	uint64_t start = f->sym.st_value, end = start + f->sym.st_size, at = start;

	while (at < end) {
		size_t ri = reloc_lower_bound(sec, at);
		struct arch_insn in;
		struct symbol *to;
		uint64_t field, insn_end;
		int64_t target;
		bool has_reloc = false;

		if (!arch_decode(sec->data + at, end - at, &in)) {
			unsplittable(f, "an instruction the decoder does not know", at);
			return 0;
		}
		insn_end = at + in.len;
		for (; ri < sec->nrelocs && sec->relocs[ri].offset < insn_end; ri++) {
			if (!reloc_fits(&sec->relocs[ri], at, &in)) {
				unsplittable(f, "a relocation that is no operand of its instruction",
					     sec->relocs[ri].offset);
				return 0;
			}
			has_reloc |= in.rel && sec->relocs[ri].offset == at + in.imm_off;
		}
		if (!in.rel || has_reloc) {
			at = insn_end;
			continue;
		}
		field = at + in.imm_off;
		target = (int64_t)insn_end + arch_read_addend(sec->data + field, in.imm_len);
		at = insn_end;
		if (target >= (int64_t)start && target < (int64_t)end)
			continue;	/* a branch inside the function */
		to = target >= 0 ? func_at(sec, (uint64_t)target) : NULL;
		if (!to) {
			unsplittable(f, "a branch out of the function into no function's start",
				     field);
			continue;
		}
		if (in.imm_len != 4 && in.imm_len != 1) {
			unsplittable(f, "a 16-bit branch to another function", field);
			continue;
		}
		if (in.imm_len == 1)
			unsplittable(f, "a short jump to another function of the section", field);
		/* as gas writes a branch to another section: S - width from the field */
		if (elf_add_reloc(sec, (uint32_t)field, in.imm_len == 4 ? R_386_PC32 : R_386_PC8,
				  to, (int32_t)((int64_t)field - (int64_t)insn_end)))
			return -1;
	}
	return 0;
}

int split_shared_sections(struct elf_obj *obj)
{
	size_t i, j;

	for (i = 1; i < obj->nsecs; i++) {
		struct section *sec = &obj->secs[i];

		if (!sec_is_text(sec) || sec->nfuncs < 2 || !sec->data)
			continue;
		/* the list is by value and does not change here: relocations are added */
		for (j = 0; j < sec->nsyms; j++) {
			if (!sym_is_func(sec->syms[j]) || !sec->syms[j]->sym.st_size)
				continue;
			if (split_function(sec, sec->syms[j])) {
				ERROR(obj->path, "out of memory");
				return -1;
			}
		}
	}
	return 0;
}
