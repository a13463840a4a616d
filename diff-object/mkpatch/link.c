/*
 * The inputs: lkhp-diff's objects, one per changed kernel object, linked
 * with `ld -r` into the one object the module is built from.  ld keeps
 * same-named statics of different inputs apart and merges their undefined
 * references to a kernel symbol into one symbol (inputs.c tells whose).
 */
#include <errno.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "mkpatch.h"

extern char **environ;

int link_inputs(struct mkpatch *mk)
{
	const char *ld = getenv("LD") && *getenv("LD") ? getenv("LD") : "ld";
	char **argv = calloc(mk->ninputs + 7, sizeof(*argv));
	size_t n = 0, i;
	pid_t pid;
	int fd, status, err;

	mk->linked_path = malloc(strlen(mk->out_path) + 16);
	if (!argv || !mk->linked_path) {
		free(argv);
		ERROR(mk->out_path, "out of memory");
		return -1;
	}
	sprintf(mk->linked_path, "%s.ld.XXXXXX", mk->out_path);
	fd = mkstemp(mk->linked_path);
	if (fd < 0) {
		ERROR(mk->out_path, "creating a temporary file: %s", strerror(errno));
		free(mk->linked_path);
		mk->linked_path = NULL;
		free(argv);
		return -1;
	}
	close(fd);

	argv[n++] = (char *)ld;
	argv[n++] = "-m";
	argv[n++] = "elf_i386";
	argv[n++] = "-r";
	argv[n++] = "-o";
	argv[n++] = mk->linked_path;
	for (i = 0; i < mk->ninputs; i++)
		argv[n++] = (char *)mk->in[i].path;
	argv[n] = NULL;

	err = posix_spawnp(&pid, ld, NULL, NULL, argv, environ);
	free(argv);
	if (err) {
		ERROR(ld, "cannot run: %s", strerror(err));
		return -1;
	}
	if (waitpid(pid, &status, 0) < 0 || !WIFEXITED(status) || WEXITSTATUS(status)) {
		ERROR(mk->out_path, "%s -r failed on the diffed objects", ld);
		return -1;
	}
	return elf_obj_open(&mk->obj, mk->linked_path) || open_inputs(mk) ? -1 : 0;
}
