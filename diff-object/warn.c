/* warn.h: every diagnostic of both tools is printed here. */
#include <stdarg.h>

#include "warn.h"

const char *lkhp_tool = "lkhp";
int lkhp_verbose;
unsigned lkhp_errors;
unsigned lkhp_refusals;

void lkhp_message(enum lkhp_kind kind, const char *obj, const char *fmt, ...)
{
	static const char *const names[] = { "note", "warning", "error" };
	va_list ap;

	fprintf(stderr, "%s: %s: %s: ", obj, names[kind], lkhp_tool);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	if (kind == LKHP_ERROR)
		lkhp_errors++;
}

void lkhp_refuse(const char *obj, const char *sym, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "ERROR: %s: %s: ", obj, sym);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	lkhp_refusals++;
}

enum lkhp_exit lkhp_exit_status(int ret)
{
	if (lkhp_errors)
		return LKHP_EXIT_ERROR;
	if (lkhp_refusals)
		return LKHP_EXIT_UNSUPPORTED;
	return ret ? LKHP_EXIT_ERROR : LKHP_EXIT_WRITTEN;
}
