/* the patched relaxed(); its original is the kernel's code with a near jne */
int relaxed(int x)
{
	return x ? 2 : 1;
}
