/*
 * libFuzzer target for lkhp-diff: the input (first byte: which side it
 * plays) becomes ORIG.o or PATCHED.o next to a fixed valid object, and the
 * whole pipeline runs, output included.  Built with ASan+UBSan by
 * scripts/fuzz/run; main.c's main() is renamed lkhp_diff_main.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

int lkhp_diff_main(int argc, char **argv);

static char dir[] = "/tmp/lkhp-fuzz-XXXXXX";
static char in_path[64], out_path[64];
static const char *valid;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	valid = getenv("LKHP_FUZZ_VALID");
	if (!valid || !mkdtemp(dir)) {
		fprintf(stderr, "set LKHP_FUZZ_VALID to a valid i386 object\n");
		exit(1);
	}
	snprintf(in_path, sizeof(in_path), "%s/in.o", dir);
	snprintf(out_path, sizeof(out_path), "%s/out.o", dir);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *argv[5];
	FILE *f;
	int rc;

	if (size < 1)
		return 0;
	f = fopen(in_path, "wb");
	if (!f)
		abort();
	if (size > 1 && fwrite(data + 1, 1, size - 1, f) != size - 1)
		abort();
	fclose(f);
	argv[0] = "lkhp-diff";
	argv[1] = (char *)((data[0] & 1) ? valid : in_path);
	argv[2] = (char *)((data[0] & 1) ? in_path : valid);
	argv[3] = out_path;
	argv[4] = NULL;
	optind = 1;
	rc = lkhp_diff_main(4, argv);
	if (rc < 0 || rc > 3)
		abort();	/* outside the exit-code contract */
	unlink(out_path);
	return 0;
}
