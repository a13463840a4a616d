#!/bin/bash
# A patch module whose init fails after its patch was registered: lkhp.ko
# enables a patch only once its module is live, so the site is original at
# the end of that init (the module logs it), no switch ever happens, and
# the patch is unregistered before the module's memory is freed (the module
# notifier, MODULE_STATE_GOING): /proc/cmdline is the original one and
# nothing refers to freed memory.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 60 -- '
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
orig7=$(echo "$before" | cut -d" " -f6-12)
must_fail insmod lkhp-failinit.ko
dmesg_has "failinit: registered as patch 1 with 1 functions"
dmesg_has "failinit: site at the end of init: $orig7\$"
dmesg_has "failinit: its module is going with the patch registered"
dmesg_has "failinit: unregistered"
if dmesg | grep "failinit: enabled"; then fail "a failing init had its patch enabled"; fi
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
