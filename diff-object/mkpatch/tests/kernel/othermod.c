/* Module "othermod": what objects of fakemod must not refer to. */
int om_export(int x)
{
	return x + 1;
}

int om_hidden(int x)
{
	return x - 1;
}
