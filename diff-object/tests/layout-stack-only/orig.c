/* a .c-local struct on the stack of the changed function only: it travels */
extern void ext(int);
struct pair { int a; int b; };
int sum(int x) { struct pair p = { x, x + 1 }; ext(p.a); return p.a + p.b; }
int other(int x) { return x * 3; }
