#!/bin/bash
# A patch module whose init fails after its patch was registered and
# enabled: before the module's memory is freed, lkhp.ko disables and
# unregisters the patch (the module notifier, MODULE_STATE_GOING), so
# /proc/cmdline is the original one and nothing jumps into freed memory.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 60 -- '
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
must_fail insmod lkhp-failinit.ko
dmesg_has "failinit: enabled"
dmesg_has "failinit: its module went away while registered: disabled and unregistered"
same "$(cat /proc/cmdline)" "$orig" "/proc/cmdline after the failed init"
same "$(text cmdline_proc_show)" "$before" "cmdline_proc_show bytes"
if grep -q "^lkhp_failinit " /proc/modules; then fail "the module stayed"; fi
same "$(lkhp list | wc -l)" 1 "empty patch table"
[ ! -e /sys/kernel/lkhp/failinit ] || fail "its sysfs directory stayed"
lkhp install -f lkhp-cmdline.ko
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "a patch after it"
lkhp remove -i cmdline
echo PASS
'
