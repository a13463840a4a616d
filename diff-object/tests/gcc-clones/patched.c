extern void ext(int);
extern void ext2(const char *);
extern void fatal(const char *) __attribute__((noreturn));
struct big { int a, b, c, d; };

static __attribute__((noinline)) int sum_a(struct big b) { ext(b.a); return b.a * 4; }

static __attribute__((noinline)) int mode(int v, int k)
{
	ext(v);
	if (k == 1)
		ext(v + 8);
	else
		ext(v - 7);
	return v * k;
}
/* user_two first: gcc numbers mode's clones the other way round */
int user_two(int v) { return mode(v, 2) + mode(v + 2, 2); }
int user_one(int v) { return mode(v, 1) + mode(v + 1, 1); }

static void slow_path(int v)
{
	if (v > 1000) {
		ext2("slow"); ext(v); ext(v * 2); ext(v * 3); ext(v * 4);
		ext(v * 5); ext(v * 6); ext(v * 7); ext(v * 9);
	}
}

int use_all(struct big *p, int v)
{
	int r = sum_a(*p);

	slow_path(v);
	if (v > 5000)
		__builtin_trap();
	if (__builtin_expect(v == 77, 0)) {
		ext2("cold!");
		fatal("seventy-seven");
	}
	return r;
}
int use2(int v) { slow_path(v + 1); return v; }
