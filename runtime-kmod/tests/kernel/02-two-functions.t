#!/bin/bash
# A two-function patch (loadavg_proc_show + the get_avenrun it calls) switches
# both at once: two guest readers of /proc/loadavg, running while the patch is
# disabled and enabled 300 times, never see one patched and the other not.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 300 -- '
lkhp install -f lkhp-twofunc.ko
cat /proc/loadavg
grep -q "^42.00 42.00 42.00 lkhp2-A$" /proc/loadavg || fail "both patched"
lkhp list -i twofunc | grep -c "(active)" | grep -qx 2 || fail "two active functions"
lkhp disable -i twofunc
cat /proc/loadavg
! grep -q "42.00\|lkhp2" /proc/loadavg || fail "both restored"
lkhp enable -i twofunc
rm -f /tmp/readcheck.stop
./readcheck /proc/loadavg 600 pair "42.00 42.00 42.00" lkhp2-A >r1.txt &
p1=$!
./readcheck /proc/loadavg 600 pair "42.00 42.00 42.00" lkhp2-A >r2.txt &
p2=$!
./probe cycle "$(cat /sys/kernel/lkhp/twofunc/id)" 300
touch /tmp/readcheck.stop
wait $p1 || fail "reader 1: $(cat r1.txt)"
wait $p2 || fail "reader 2: $(cat r2.txt)"
cat r1.txt r2.txt
for r in r1.txt r2.txt; do
	# Both versions were seen, with no mixed answer.
	grep -Eq "wrong=0 class0=[1-9][0-9]* class1=[1-9]" $r || fail "$r: $(cat $r)"
done
lkhp remove -i twofunc
echo PASS
'
