/*
 * Two source files of one name, each with a static `dup`: FILE/dup is
 * ambiguous; this one's other static (calls) tells it apart.
 */
static int dup = 2;
static int calls;

int c2_get(void)
{
	calls++;
	return dup++ + calls;
}
