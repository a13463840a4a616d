/*
 * How lkhp-diff names what a patch object refers to but does not define
 * (diff-object/output.c): kernel globals by their name, a static NAME of
 * the kernel's FILE as __lkhp_local/FILE/NAME (quoted for gas: the '/').
 */
#define KERNEL_STATIC(type, alias, file, name) \
	extern type alias __asm__("\"__lkhp_local/" file "/" name "\"")

extern int exported_var, hidden_var, hidden_arr[8];
int exported_fn(int x);
int hidden_fn(int x);
int ns_fn(int x);
int no_ftrace(int x);
int aliased_fn(int x);
int aliased_other(int x);
int interior_fn(int x);
int traced_late(int x);
void small(int x);

/* fakemod's (kernel/fakemod/) and othermod's */
int fm_export(int x);
int om_export(int x);
int om_stale(int x);
int om_ns_export(int x);
int om_hidden(int x);
extern int shared_name;
