/*
 * Module "othermod": its exports (Module.symvers), which fakemod depends
 * on, and a function it does not export.  It depends on no module.
 */
static const char om_depends[] __attribute__((section(".modinfo"), used)) = "depends=";

int om_export(int x)
{
	return x + 1;
}

int om_stale(int x)
{
	return x + 2;
}

/* exported in a namespace (EXPORT_SYMBOL_NS_GPL) */
int om_ns_export(int x)
{
	return x + 3;
}

int om_hidden(int x)
{
	return x - 1;
}
