#!/bin/bash
# A 1-CPU guest: stop_machine with no other CPU, the stack check over the
# tasks of one CPU; install, disable, enable and remove work as on two.
. "$(dirname "$0")/../lib/test.sh"
qrun --smp 1 --timeout 90 -- '
same "$(cat /sys/devices/system/cpu/online)" 0 "one CPU online"
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
lkhp install -f lkhp-cmdline.ko
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "patched"
lkhp disable -i cmdline
same "$(cat /proc/cmdline)" "$orig" "disabled"
same "$(text cmdline_proc_show)" "$before" "bytes after disable"
lkhp enable -i cmdline
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "re-enabled"
lkhp remove -i cmdline
same "$(cat /proc/cmdline)" "$orig" "removed"
same "$(text cmdline_proc_show)" "$before" "bytes after remove"
echo PASS
'
