#!/bin/bash
# Shadow variables under concurrency (shadow_stress.ko): a kthread per CPU
# attaches, reads and frees shared <object, id> pairs, one also frees whole
# ids, a timer reads them in interrupt context; no variable is ever seen
# with another's data, /sys/kernel/lkhp/shadow_variables counts exactly the
# live ones, and none is left once they are freed. No Oops/WARN (qemu-run).
. "$(dirname "$0")/../lib/test.sh"
qrun --tcg multi --timeout 300 -- '
parallel_cpus
same "$(cat /sys/kernel/lkhp/shadow_variables)" 0 "before"
insmod shadow_stress.ko run_ms=2000
line=$(dmesg | grep "shadow-stress: [0-9]* errors" | tail -n 1)
echo "$line"
echo "$line" | grep -q "shadow-stress: 0 errors, [1-9][0-9]* operations" || fail "stress: $line"
live=$(echo "$line" | sed -n "s/.*operations, \([0-9]*\) variables live/\1/p")
same "$(cat /sys/kernel/lkhp/shadow_variables)" "$live" "shadow_variables after the stress"
rmmod shadow_stress
dmesg_has "shadow-stress: unloaded, 0 errors, 0 variables live"
same "$(cat /sys/kernel/lkhp/shadow_variables)" 0 "after unload"
echo PASS
'
