/*
 * Two global names of one function (SYSCALL_DEFINE0's __do_sys_X and its
 * alias): one function, carried and reported once, under the first name.
 */
extern void ext(int);
__attribute__((noinline)) long first_name(void) { ext(1); return 0; }
long second_name(void) __attribute__((alias("first_name")));
