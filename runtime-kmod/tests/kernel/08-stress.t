#!/bin/bash
# SMP + PREEMPT stress: 2000 enable/disable cycles of the cmdline patch while
# two processes read /proc/cmdline in a loop; every answer is the old or the
# new one, both are seen, and the console shows no Oops/WARN (qemu-run).
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 600 -- '
orig=$(cat /proc/cmdline)
grep -c ^processor /proc/cpuinfo | grep -qx 2 || fail "not 2 CPUs"
id=$(lkhp install -f lkhp-cmdline.ko)
rm -f /tmp/readcheck.stop
./readcheck /proc/cmdline 900 oneof "$orig" lkhp-cmdline-patched >r1.txt &
p1=$!
./readcheck /proc/cmdline 900 oneof "$orig" lkhp-cmdline-patched >r2.txt &
p2=$!
./probe cycle "$id" 2000 | tee cycles.txt
grep -qx "probe: 2000 cycles done" cycles.txt || fail "cycles"
touch /tmp/readcheck.stop
wait $p1 || fail "reader 1: $(cat r1.txt)"
wait $p2 || fail "reader 2: $(cat r2.txt)"
cat r1.txt r2.txt
for r in r1.txt r2.txt; do
	grep -Eq "wrong=0 class0=[1-9][0-9]* class1=[1-9]" $r || fail "$r: $(cat $r)"
done
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "enabled after the cycles"
lkhp remove -i cmdline
same "$(cat /proc/cmdline)" "$orig" "removed"
echo PASS
'
