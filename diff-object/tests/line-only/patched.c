#include "kasm.h"
extern void ext(int);
/*
 * Comment lines added above: every __LINE__ below moves, nothing else.
 */
int sleeper(int a)
{
	might_sleep();
	ext(a);
	return a + 1;
}
int warner(int a)
{
	WARN_ON(a > 10);
	return a * 2;
}
