/* Compiled without -pg: the ftrace entry every other function calls. */
void __fentry__(void)
{
}
