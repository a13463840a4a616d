#define ADD 1
/*
 * 300 function statics of one name (seen.0 ... seen.299) in one function:
 * each pairs with its original through the function, however many there
 * are, so every one stays the running kernel's.
 */
extern void ext(int *);
#define S { static int seen; ext(&seen); }
#define S10 S S S S S S S S S S
#define S100 S10 S10 S10 S10 S10 S10 S10 S10 S10 S10
int f(int a) { S100 S100 S100 return a + ADD; }
