/*
 * Changed functions that are a kernel thread's main function: a function of
 * the object hands their address to kthread_create_on_node() (kthread_run())
 * or kthread_create_on_cpu(). Such a thread is inside its main function for
 * as long as it lives, so a switch of that function waits for no thread to
 * run it: this is said when the patch is built (pktgen_thread_worker,
 * rfcomm_run). Not a refusal: the patch goes live where no thread runs yet,
 * a module's part when the module loads.
 */
#include <stdbool.h>
#include <string.h>

#include "diff.h"
#include "warn.h"

static const char *const kthread_creators[] = {
	"kthread_create_on_node", "kthread_create_on_cpu",
};

static bool calls_kthread_creator(const struct section *sec)
{
	size_t i, k;

	for (i = 0; i < sec->nrelocs; i++) {
		const struct symbol *s = sec->relocs[i].sym;

		for (k = 0; s && k < sizeof(kthread_creators) / sizeof(*kthread_creators); k++) {
			if (!strcmp(s->name, kthread_creators[k]))
				return true;
		}
	}
	return false;
}

void note_kthread_functions(struct ctx *ctx)
{
	struct elf_obj *p = &ctx->patched;
	size_t i, k;

	for (i = 0; i < p->nsecs; i++) {
		struct section *sec = &p->secs[i];

		if (!(sec->sh.sh_flags & SHF_EXECINSTR) || !calls_kthread_creator(sec))
			continue;
		for (k = 0; k < sec->nrelocs; k++) {
			const struct reloc *r = &sec->relocs[k];
			struct reloc_target t;
			const struct symbol *by;

			if (r->type != R_386_32)
				continue;
			resolve_target(r, &t);
			if (!t.sym || t.off || !sym_is_func(t.sym) || t.sym->obj != p ||
			    !pass(t.sym)->report)
				continue;
			by = section_owner(sec, r->offset);
			WARN(p->path, "%s: the main function of a kernel thread (%s starts it): "
			     "a thread is inside it as long as it runs, so the patch switches it "
			     "only while no such thread runs: installed before the thread starts "
			     "(for a module: before it loads), disabled or removed once the "
			     "thread has ended (for a module: once it is unloaded)",
			     t.sym->name, by ? by->name : sec->name);
		}
	}
}
