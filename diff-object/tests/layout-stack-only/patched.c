/* a .c-local struct on the stack of the changed function only: it travels */
extern void ext(int);
struct pair { int a; int b; int c; };
int sum(int x) { struct pair p = { x, x + 1, x + 2 }; ext(p.c); return p.a + p.b + p.c; }
int other(int x) { return x * 3; }
