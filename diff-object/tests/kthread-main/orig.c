/* A kernel thread's main function changes: lkhp-diff says so (a warning). */
struct task_struct;
struct task_struct *kthread_create_on_node(int (*fn)(void *), void *data, int node,
					   const char *namefmt, ...);
int should_stop(void);
void work(int);

int worker(void *data)
{
	while (!should_stop())
		work(1);
	return 0;
}

struct task_struct *start(void)
{
	return kthread_create_on_node(worker, 0, -1, "worker");
}
