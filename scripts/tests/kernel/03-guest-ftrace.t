#!/bin/bash
# Dynamic ftrace works in the guest: tracing one function records its calls.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
"$LKHP_TOP/scripts/qemu-run" --no-lkhp -- "
	t=/sys/kernel/tracing
	grep -qx cmdline_proc_show \$t/available_filter_functions
	echo cmdline_proc_show >\$t/set_ftrace_filter
	echo function >\$t/current_tracer
	cat /proc/cmdline >/dev/null
	# Switching the tracer clears the buffer: look before switching back.
	grep cmdline_proc_show \$t/trace
	echo nop >\$t/current_tracer
"
