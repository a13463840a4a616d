/* Diagnostics for lkhp-diff.  Everything goes to stderr, stdout is the report. */
#ifndef LKHP_WARN_H
#define LKHP_WARN_H

#include <stdio.h>
#include <libelf.h>

extern int lkhp_verbose;

#define WARN(obj, fmt, ...) \
	fprintf(stderr, "%s: warning: lkhp-diff: " fmt "\n", (obj), ##__VA_ARGS__)

#define ERROR(obj, fmt, ...) \
	fprintf(stderr, "%s: error: lkhp-diff: " fmt "\n", (obj), ##__VA_ARGS__)

#define ERROR_ELF(obj, what) \
	ERROR((obj), "%s: %s", (what), elf_errmsg(-1))

/* func()+0x1c: the place a problem was found inside a function */
#define ERROR_FUNC(obj, func, off, fmt, ...) \
	ERROR((obj), "%s()+0x%lx: " fmt, (func), (unsigned long)(off), ##__VA_ARGS__)

/* An unsupported change: the contract's exit-2 line, one per reason. */
#define UNSUPPORTED(obj, sym, fmt, ...) \
	fprintf(stderr, "ERROR: %s: %s: " fmt "\n", (obj), (sym), ##__VA_ARGS__)

#define NOTE(obj, fmt, ...) \
	do { \
		if (lkhp_verbose) \
			fprintf(stderr, "%s: note: lkhp-diff: " fmt "\n", (obj), ##__VA_ARGS__); \
	} while (0)

#endif
