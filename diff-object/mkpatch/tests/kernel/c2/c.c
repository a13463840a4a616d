/* Two source files of one name, each with a static `dup`: FILE/dup is ambiguous. */
static int dup = 2;

int c2_get(void)
{
	return dup++;
}
