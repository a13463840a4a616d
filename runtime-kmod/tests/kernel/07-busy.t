#!/bin/bash
# Busy function: a kthread sleeps inside msleep, so patching msleep fails
# with -EBUSY naming the task and the function after bounded retries, with
# the text unchanged; once the task is gone the same patch goes in. Words
# in a sleeping task's locals that only look like addresses inside msleep
# do not make it busy, unless they lie above a broken frame pointer, where
# the walk stops and lkhp scans conservatively; a task preempted inside the
# new version is busy.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 120 -- '
before=$(text msleep)
insmod busy_target.ko stale=1
sleep 1
lkhp install -f lkhp-msleep.ko
[ "$(text msleep | cut -c16-17)" = ea ] || fail "stale words made msleep busy"
lkhp remove -i msleep
rmmod busy_target
same "$(text msleep)" "$before" "msleep bytes after remove"
insmod busy_target.ko badfp=1
sleep 1
must_fail lkhp install -f lkhp-msleep.ko
dmesg_has "msleep: enable failed: function msleep in use by task lkhp_busy/[0-9]+ after 10 tries"
same "$(text msleep)" "$before" "msleep bytes after the fallback scan"
rmmod busy_target
insmod busy_target.ko
sleep 1
pid=$(pidof lkhp_busy) || fail "no busy kthread"
must_fail lkhp install -f lkhp-msleep.ko
echo "$out" | grep -q "Device or resource busy" || fail "errno"
dmesg_has "msleep: enable failed: function msleep in use by task lkhp_busy/$pid after 10 tries"
echo "$out" | grep -q "lkhp: kernel: msleep: enable failed: function msleep in use by task lkhp_busy/$pid" ||
	fail "CLI reason (install)"
same "$(text msleep)" "$before" "msleep bytes after -EBUSY"
! grep -q "^lkhp_msleep " /proc/modules || fail "patch module stayed"
rmmod busy_target
lkhp install -f lkhp-msleep.ko
[ "$(text msleep | cut -c16-17)" = ea ] || fail "msleep not redirected: $(text msleep)"
# The new msleep runs: a kthread calling it again counts.
insmod busy_target.ko
sleep 1
[ "$(cat /sys/module/lkhp_msleep/parameters/calls)" -gt 0 ] || fail "new msleep never called"
# Now the new version is busy: disabling must wait for it, then give up.
must_fail lkhp disable -i msleep
dmesg_has "msleep: disable failed: function msleep in use by task lkhp_busy/[0-9]+ after 10 tries"
echo "$out" | grep -Eq "disable patch [0-9]+: Device or resource busy: msleep: disable failed: function msleep in use by task lkhp_busy/[0-9]+" ||
	fail "CLI reason (disable)"
lkhp list | grep -Eq "^[0-9]+ +msleep +enabled" || fail "still enabled"
# Spinning in the new version, preempted, with no call to return from.
busy=$(pidof lkhp_busy)
echo "$busy" > /sys/module/lkhp_msleep/parameters/spin_pid
i=0
until [ "$(cat /sys/module/lkhp_msleep/parameters/spinning)" = "$busy" ]; do
	i=$((i + 1))
	[ $i -le 50 ] || fail "lkhp_busy/$busy never spun in the new msleep"
	sleep 0.1
done
must_fail lkhp disable -i msleep
[ "$(dmesg | grep -c "msleep: disable failed: function msleep in use")" = 2 ] ||
	fail "a task spinning in the new msleep was not seen"
echo 0 > /sys/module/lkhp_msleep/parameters/spin_pid
rmmod busy_target
lkhp remove -i msleep
same "$(text msleep)" "$before" "msleep bytes after remove"
echo PASS
'
