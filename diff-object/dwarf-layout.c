/*
 * The layouts of an object's named struct, union and enum types, read from
 * its DWARF, and which of its variables and functions reach a type (through
 * pointers, typedefs, arrays and the members of other aggregates), and
 * whether a function reaches it through a pointer (an instance it did not
 * make) or only by value (on its own stack).  Policy (which change is
 * refused) is layouts.c's.
 */
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "diff.h"
#include "warn.h"

static const char *kind_of(int tag)
{
	switch (tag) {
	case DW_TAG_structure_type: return "struct ";
	case DW_TAG_union_type: return "union ";
	case DW_TAG_enumeration_type: return "enum ";
	default: return NULL;
	}
}

/* "struct foo" of a named, defined aggregate; NULL otherwise (caller frees). */
static char *type_name(Dwarf_Die *die)
{
	const char *kind = kind_of(dwarf_tag(die)), *name = dwarf_diename(die);
	char *s;

	if (!kind || !name || dwarf_hasattr(die, DW_AT_declaration))
		return NULL;
	s = malloc(strlen(kind) + strlen(name) + 1);
	if (s)
		sprintf(s, "%s%s", kind, name);
	return s;
}

static bool type_of(Dwarf_Die *die, Dwarf_Die *type)
{
	Dwarf_Attribute attr;

	return dwarf_attr_integrate(die, DW_AT_type, &attr) && dwarf_formref_die(&attr, type);
}

/* One member or enumerator, appended to the signature. */
static void put_member(FILE *f, Dwarf_Die *m)
{
	Dwarf_Attribute attr;
	Dwarf_Word w;
	Dwarf_Sword v;
	Dwarf_Die t;
	const char *name = dwarf_diename(m);

	if (dwarf_tag(m) == DW_TAG_enumerator) {
		if (dwarf_formsdata(dwarf_attr(m, DW_AT_const_value, &attr), &v) == 0)
			fprintf(f, "%s=%lld;", name ? name : "", (long long)v);
		return;
	}
	if (dwarf_tag(m) != DW_TAG_member)
		return;
	fprintf(f, "%s@", name ? name : "");
	if (dwarf_formudata(dwarf_attr(m, DW_AT_data_member_location, &attr), &w) == 0)
		fprintf(f, "%llu", (unsigned long long)w);
	if (dwarf_formudata(dwarf_attr(m, DW_AT_data_bit_offset, &attr), &w) == 0)
		fprintf(f, ".%llu", (unsigned long long)w);
	if (dwarf_formudata(dwarf_attr(m, DW_AT_bit_size, &attr), &w) == 0)
		fprintf(f, ":%llu", (unsigned long long)w);
	if (type_of(m, &t)) {
		Dwarf_Word sz;

		/* the member's type by size and name: a renamed type of equal
		 * layout is the same bytes, another size is another layout */
		if (dwarf_aggregate_size(&t, &sz) == 0)
			fprintf(f, "/%llu", (unsigned long long)sz);
	}
	fputc(';', f);
}

static char *signature(Dwarf_Die *die)
{
	Dwarf_Die m;
	Dwarf_Word sz = 0;
	char *buf = NULL;
	size_t len;
	FILE *f = open_memstream(&buf, &len);

	if (!f)
		return NULL;
	dwarf_aggregate_size(die, &sz);
	fprintf(f, "%llu{", (unsigned long long)sz);
	if (dwarf_child(die, &m) == 0) {
		do
			put_member(f, &m);
		while (dwarf_siblingof(&m, &m) == 0);
	}
	fputc('}', f);
	if (fclose(f)) {
		free(buf);
		return NULL;
	}
	return buf;
}

/*
 * A type local to function scope is named with it: functions of one unit
 * may each have their own struct of one name (kernel/events/core.c's
 * perf_aux_event, three layouts), and gcc orders their DIEs as it emits
 * the functions, which a patch may change.
 */
static int add_layout(struct layouts *l, Dwarf_Die *die, const char *scope)
{
	struct layout *v, *e;
	const char *file;
	char *type = type_name(die), *name = NULL;

	if (!type)
		return 0;
	name = malloc(strlen(type) + (scope ? strlen(scope) + 6 : 0) + 1);
	if (!name)
		goto oom;
	sprintf(name, scope ? "%s (in %s)" : "%s", type, scope);
	/* the first definition of a name stands for the unit */
	if (htab_first(&l->by_name, name)) {
		free(name);
		free(type);
		return 0;
	}
	v = realloc(l->v, (l->n + 1) * sizeof(*v));
	if (!v)
		goto oom;
	l->v = v;
	e = &l->v[l->n];
	e->name = name;
	e->type = type;
	e->die = dwarf_dieoffset(die);
	e->sig = signature(die);
	file = dwarf_decl_file(die);
	e->header = file && strlen(file) > 2 && !strcmp(file + strlen(file) - 2, ".h");
	e->file = file;
	if (!e->sig)
		goto oom;
	l->n++;
	return 0;
oom:
	free(name);
	free(type);
	return -1;
}

/* Every DIE below die, depth first, with the function it is local to. */
static int walk(struct layouts *l, Dwarf_Die *die, const char *scope)
{
	Dwarf_Die c;

	if (dwarf_child(die, &c) != 0)
		return 0;
	do {
		const char *inner = scope;

		if (dwarf_tag(&c) == DW_TAG_subprogram)
			inner = dwarf_diename(&c) ? dwarf_diename(&c) : "?";
		if (add_layout(l, &c, scope) || walk(l, &c, inner))
			return -1;
	} while (dwarf_siblingof(&c, &c) == 0);
	return 0;
}

int dwarf_layouts(struct elf_obj *obj, struct layouts *l)
{
	Dwarf *dw = pass(obj)->dwarf;
	Dwarf_Off off = 0, next;
	size_t hsize, i;

	memset(l, 0, sizeof(*l));
	if (!dw)
		return 0;
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(dw, off + hsize, &cu) && walk(l, &cu, NULL))
			goto oom;
		if (next <= off)
			break;
		off = next;
	}
	/* indexed once the array stops moving */
	if (htab_init(&l->by_name, l->n ? l->n : 1))
		goto oom;
	for (i = 0; i < l->n; i++)
		if (htab_add(&l->by_name, l->v[i].name, &l->v[i]))
			goto oom;
	return 0;
oom:
	ERROR(obj->path, "out of memory reading DWARF types");
	dwarf_layouts_free(l);
	return -1;
}

void dwarf_layouts_free(struct layouts *l)
{
	size_t i;

	for (i = 0; i < l->n; i++) {
		free(l->v[i].name);
		free(l->v[i].type);
		free(l->v[i].sig);
	}
	free(l->v);
	htab_free(&l->by_name);
	memset(l, 0, sizeof(*l));
}

/* ---- who reaches a type ---------------------------------------------------- */

struct reach {
	Dwarf_Off target;	/* the type's DIE */
	Dwarf_Off *seen;	/* type DIEs already walked */
	size_t nseen, cap;
	bool oom;
};

static bool seen(struct reach *r, Dwarf_Die *die)
{
	Dwarf_Off o = dwarf_dieoffset(die), *v;
	size_t i;

	for (i = 0; i < r->nseen; i++)
		if (r->seen[i] == o)
			return true;
	if (r->nseen == r->cap) {
		r->cap = r->cap ? 2 * r->cap : 16;
		v = realloc(r->seen, r->cap * sizeof(*v));
		if (!v) {
			r->oom = true;
			return true;
		}
		r->seen = v;
	}
	r->seen[r->nseen++] = o;
	return false;
}

/* Does the type at die reach r->target? Each type DIE is walked once. */
static bool reaches(struct reach *r, Dwarf_Die *die)
{
	Dwarf_Die t, m;

	if (seen(r, die))
		return false;
	if (dwarf_dieoffset(die) == r->target)
		return true;
	if (kind_of(dwarf_tag(die)) && dwarf_child(die, &m) == 0) {
		do {
			if (dwarf_tag(&m) == DW_TAG_member && type_of(&m, &t) && reaches(r, &t))
				return true;
		} while (dwarf_siblingof(&m, &m) == 0);
		return false;
	}
	if (dwarf_tag(die) == DW_TAG_subroutine_type && dwarf_child(die, &m) == 0) {
		do {
			if (type_of(&m, &t) && reaches(r, &t))
				return true;
		} while (dwarf_siblingof(&m, &m) == 0);
	}
	return type_of(die, &t) && reaches(r, &t);
}

/*
 * Does the type at die reach r->target behind a pointer? Until the first
 * pointer the walk is by value (outer, its own memo); past it, any reach
 * (inner) counts.
 */
static bool reaches_by_pointer(struct reach *outer, struct reach *inner, Dwarf_Die *die)
{
	Dwarf_Die t, m;
	int tag = dwarf_tag(die);

	if (seen(outer, die))
		return false;
	if (tag == DW_TAG_pointer_type || tag == DW_TAG_reference_type ||
	    tag == DW_TAG_rvalue_reference_type)
		return type_of(die, &t) && reaches(inner, &t);
	if (kind_of(tag) && dwarf_child(die, &m) == 0) {
		do {
			if (dwarf_tag(&m) == DW_TAG_member && type_of(&m, &t) &&
			    reaches_by_pointer(outer, inner, &t))
				return true;
		} while (dwarf_siblingof(&m, &m) == 0);
		return false;
	}
	return type_of(die, &t) && reaches_by_pointer(outer, inner, &t);
}

/* One test on every type a function's body names. */
struct body_walk {
	struct reach *r, *inner;	/* inner: reaches_by_pointer's */
};

static bool type_test(struct body_walk *w, Dwarf_Die *type)
{
	return w->inner ? reaches_by_pointer(w->r, w->inner, type) : reaches(w->r, type);
}

/* A function's return type, parameters and locals, however deep the blocks. */
static bool body_reaches(struct body_walk *w, Dwarf_Die *die)
{
	Dwarf_Die c, t;

	if (type_of(die, &t) && type_test(w, &t))
		return true;
	if (dwarf_child(die, &c) != 0)
		return false;
	do {
		switch (dwarf_tag(&c)) {
		case DW_TAG_formal_parameter:
		case DW_TAG_variable:
			if (type_of(&c, &t) && type_test(w, &t))
				return true;
			break;
		case DW_TAG_lexical_block:
		case DW_TAG_inlined_subroutine:
			if (body_reaches(w, &c))
				return true;
			break;
		default:
			break;
		}
	} while (dwarf_siblingof(&c, &c) == 0);
	return false;
}

/* Variables with a static address: DW_AT_location holding DW_OP_addr. */
static bool is_static_variable(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	Dwarf_Op *ops;
	size_t n;

	return dwarf_tag(die) == DW_TAG_variable &&
	       dwarf_getlocation(dwarf_attr(die, DW_AT_location, &attr), &ops, &n) == 0 &&
	       n >= 1 && ops[0].atom == DW_OP_addr;
}

struct users {
	struct reach r, by_value;	/* by_value: the walk up to a pointer */
	int (*fn)(const char *name, enum type_use use, void *arg);
	void *arg;
	int stop;
};

/* How the function at die uses u->r.target, which it reaches. */
static enum type_use function_use(struct users *u, Dwarf_Die *die)
{
	struct body_walk w = { &u->by_value, &u->r };

	u->r.nseen = u->by_value.nseen = 0;
	return body_reaches(&w, die) ? USE_POINTER : USE_STACK;
}

/* Walk every defined function and static variable, at any depth. */
static void each_user(struct users *u, Dwarf_Die *die)
{
	Dwarf_Die c;

	if (dwarf_child(die, &c) != 0)
		return;
	do {
		int tag = dwarf_tag(&c);
		/* code split into hot and cold parts has ranges, not low_pc */
		bool func = tag == DW_TAG_subprogram &&
			    (dwarf_hasattr(&c, DW_AT_low_pc) || dwarf_hasattr(&c, DW_AT_ranges));
		const char *name = dwarf_diename(&c);
		struct body_walk w = { &u->r, NULL };
		Dwarf_Die t;

		u->r.nseen = 0;
		if (name && func && body_reaches(&w, &c))
			u->stop = u->fn(name, function_use(u, &c), u->arg);
		else if (name && is_static_variable(&c) && type_of(&c, &t) && reaches(&u->r, &t))
			u->stop = u->fn(name, USE_VARIABLE, u->arg);
		if (u->stop || u->r.oom || u->by_value.oom)
			return;
		if (tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block)
			each_user(u, &c);	/* static locals */
	} while (!u->stop && dwarf_siblingof(&c, &c) == 0);
}

int dwarf_type_users(struct elf_obj *obj, const struct layout *type,
		     int (*fn)(const char *name, enum type_use use, void *arg), void *arg)
{
	Dwarf *dw = pass(obj)->dwarf;
	struct users u = { { type->die, NULL, 0, 0, false }, { type->die, NULL, 0, 0, false },
			   fn, arg, 0 };
	Dwarf_Off off = 0, next;
	size_t hsize;

	while (dw && !u.stop && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;

		if (dwarf_offdie(dw, off + hsize, &cu))
			each_user(&u, &cu);
		if (u.r.oom || u.by_value.oom || next <= off)
			break;
		off = next;
	}
	free(u.r.seen);
	free(u.by_value.seen);
	if (u.r.oom || u.by_value.oom) {
		ERROR(obj->path, "out of memory reading DWARF types");
		return -1;
	}
	return u.stop;
}
