/* Two source files of one name, each with a static `dup`: FILE/dup is ambiguous. */
static int dup = 1;

int c1_get(void)
{
	return dup++;
}
