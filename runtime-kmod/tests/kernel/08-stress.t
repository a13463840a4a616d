#!/bin/bash
# SMP + PREEMPT stress: 2000 enable/disable cycles of the cmdline patch while
# two processes read /proc/cmdline in a loop; every answer is the old or the
# new one, both are seen, and the console shows no Oops/WARN (qemu-run).
. "$(dirname "$0")/../lib/test.sh"
qrun --tcg multi --timeout 600 -- '
orig=$(cat /proc/cmdline)
grep -c ^processor /proc/cpuinfo | grep -qx 2 || fail "not 2 CPUs"
parallel_cpus
id=$(lkhp install -f lkhp-cmdline.ko)
readers_start /proc/cmdline oneof "$orig" lkhp-cmdline-patched
./probe cycle "$id" 2000 | tee cycles.txt
grep -q "^probe: 2000 cycles done" cycles.txt || fail "cycles"
readers_stop
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "enabled after the cycles"
lkhp remove -i cmdline
same "$(cat /proc/cmdline)" "$orig" "removed"
echo PASS
'
