#!/bin/bash
# A two-function patch (loadavg_proc_show + the get_avenrun it calls) switches
# both at once: two guest readers of /proc/loadavg, running while the patch is
# disabled and enabled 300 times, never see one patched and the other not.
. "$(dirname "$0")/../lib/test.sh"
qrun --tcg multi --timeout 300 -- '
parallel_cpus
lkhp install -f lkhp-twofunc.ko
cat /proc/loadavg
grep -q "^42.00 42.00 42.00 lkhp2-A$" /proc/loadavg || fail "both patched"
lkhp list -i twofunc | grep -c "(active)" | grep -qx 2 || fail "two active functions"
lkhp disable -i twofunc
cat /proc/loadavg
! grep -q "42.00\|lkhp2" /proc/loadavg || fail "both restored"
lkhp enable -i twofunc
# Both versions are seen, never a mixed answer.
readers_start /proc/loadavg all "42.00 42.00 42.00" lkhp2-A
./probe cycle "$(cat /sys/kernel/lkhp/twofunc/id)" 300
readers_stop
lkhp remove -i twofunc
echo PASS
'
