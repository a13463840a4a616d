#!/bin/bash
# ftrace and LKHP on one function: the redirect sits past the ftrace site,
# so tracing cmdline_proc_show keeps working while it is patched (the trace
# shows the old entry and the new function), the patch switches while the
# tracer runs, and ending the trace leaves the redirect intact.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 120 -- '
T=/sys/kernel/tracing
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
lkhp install -f lkhp-cmdline.ko
patched=$(text cmdline_proc_show)
echo "cmdline_proc_show new_cmdline_proc_show" | tr " " "\n" >$T/set_ftrace_filter
echo function >$T/current_tracer
traced=$(text cmdline_proc_show)
case $traced in e8*) ;; *) fail "ftrace site not turned into a call: $traced" ;; esac
same "${traced#???????????????}" "${patched#???????????????}" "redirect kept under the tracer"
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "patched under the tracer"
grep -q " cmdline_proc_show <-" $T/trace || fail "old entry not traced: $(tail -n 3 $T/trace)"
grep -q " new_cmdline_proc_show <-" $T/trace || fail "new function not traced"
lkhp disable -i cmdline
same "$(cat /proc/cmdline)" "$orig" "disabled under the tracer"
same "$(text cmdline_proc_show | cut -c1-2)" e8 "ftrace call kept by disable"
lkhp enable -i cmdline
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "enabled under the tracer"
echo nop >$T/current_tracer
echo >$T/set_ftrace_filter
same "$(text cmdline_proc_show)" "$patched" "bytes after the tracer ends"
lkhp remove -i cmdline
same "$(text cmdline_proc_show)" "$before" "bytes after remove"
echo PASS
'
