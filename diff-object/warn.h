/*
 * The one reporting path of lkhp-diff and lkhp-mkpatch, and their one exit
 * contract.  Everything goes to stderr; stdout is the report.
 *   OBJ: error: TOOL: ...     the tool failed (exit 1)
 *   ERROR: OBJ: SYMBOL: ...   an unsupported change, refused (exit 2)
 *   OBJ: warning: TOOL: ...   OBJ: note: TOOL: ... (notes with -v only)
 */
#ifndef LKHP_WARN_H
#define LKHP_WARN_H

#include <stdio.h>
#include <libelf.h>

enum lkhp_exit {
	LKHP_EXIT_WRITTEN = 0,		/* the outputs are written */
	LKHP_EXIT_ERROR = 1,		/* the tool failed: nothing written */
	LKHP_EXIT_UNSUPPORTED = 2,	/* a change was refused: nothing written */
	LKHP_EXIT_NOCHANGE = 3,		/* nothing to patch: nothing written */
};

extern const char *lkhp_tool;	/* set by main(): names the tool in messages */
extern int lkhp_verbose;	/* -v: print the notes */
extern unsigned lkhp_errors;	/* ERROR lines printed so far */
extern unsigned lkhp_refusals;	/* UNSUPPORTED lines printed so far */

enum lkhp_kind { LKHP_NOTE, LKHP_WARNING, LKHP_ERROR };

void lkhp_message(enum lkhp_kind kind, const char *obj, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void lkhp_refuse(const char *obj, const char *sym, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
/*
 * The exit status of a run that failed (ret != 0) or not: an error makes
 * it 1 (the refusals printed may be incomplete), refusals alone 2.
 */
enum lkhp_exit lkhp_exit_status(int ret);

#define WARN(obj, ...)	lkhp_message(LKHP_WARNING, (obj), __VA_ARGS__)
#define ERROR(obj, ...)	lkhp_message(LKHP_ERROR, (obj), __VA_ARGS__)
#define ERROR_ELF(obj, what) \
	ERROR((obj), "%s: %s", (what), elf_errmsg(-1))

/* func()+0x1c: the place a problem was found inside a function */
#define ERROR_FUNC(obj, func, off, fmt, ...) \
	ERROR((obj), "%s()+0x%lx: " fmt, (func), (unsigned long)(off), ##__VA_ARGS__)

#define UNSUPPORTED(obj, sym, ...) lkhp_refuse((obj), (sym), __VA_ARGS__)

#define NOTE(obj, ...) \
	do { \
		if (lkhp_verbose) \
			lkhp_message(LKHP_NOTE, (obj), __VA_ARGS__); \
	} while (0)

#endif
