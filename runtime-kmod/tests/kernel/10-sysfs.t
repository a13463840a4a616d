#!/bin/bash
# /sys/kernel/lkhp: the top-level version and shadow_variables (0: the
# patches here attach none), and nothing else; every attribute of a
# patch's directory (id, enabled, state, module, stop_ns, switch_ns, moved,
# functions) with the values the kernel really has; enabled is writable by
# root only and takes booleans; a write through a file kept open after the
# patch is removed fails with ENODEV and changes nothing.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 120 -- '
L=/sys/kernel/lkhp
same "$(cat $L/version)" "1.0 abi 5 uapi 2" "version"
same "$(ls $L | tr "\n" " ")" "shadow_variables version " "top-level attributes"
same "$(cat $L/shadow_variables)" 0 "shadow variables"
id=$(lkhp install -f lkhp-twofunc.ko)
d=$L/twofunc
same "$(ls $d | tr "\n" " ")" "enabled functions id module moved objects state stop_ns switch_ns " "attributes"
same "$(cat $d/id)" "$id" "id"
same "$(cat $d/enabled)" 1 "enabled"
same "$(cat $d/state)" enabled "state"
same "$(cat $d/module)" lkhp_twofunc "module"
[ "$(cat $d/stop_ns)" -gt 0 ] || fail "stop_ns"
[ "$(cat $d/switch_ns)" -ge "$(cat $d/stop_ns)" ] || fail "switch_ns shorter than stop_ns"
same "$(cat $d/moved)" 0 "moved (nothing sleeps in loadavg_proc_show)"
cat $d/functions
for f in loadavg_proc_show get_avenrun; do
	line=$(grep "^$f " $d/functions) || fail "no $f in functions"
	same "$line" "$f vmlinux 0x$(kaddr $f) 0x$(awk -v s=new_$f "\$3 == s { print \$1 }" /proc/kallsyms) 1" "$f line"
done
same "$(wc -l <$d/functions)" 2 "two functions"
same "$(cat $d/objects)" "vmlinux loaded 2" "objects"

echo 0 >$d/enabled
same "$(cat $d/state)" disabled "state after writing 0"
grep -q "lkhp2" /proc/loadavg && fail "still patched after writing 0"
same "$(cut -d" " -f5 $d/functions | tr -d "\n")" 00 "inactive functions"
echo yes >$d/enabled
same "$(cat $d/enabled)" 1 "enabled after writing yes"
grep -q "lkhp2-A$" /proc/loadavg || fail "not patched after writing yes"
if echo maybe >$d/enabled 2>err.txt; then fail "enabled took maybe"; fi
grep -q "Invalid argument" err.txt || fail "maybe: $(cat err.txt)"
same "$(cat $d/enabled)" 1 "enabled after a bad write"
ls -l $d/enabled | grep -q "^-rw-r--r--" || fail "enabled mode"
if su -s /bin/sh user -c "echo 0 >$d/enabled" 2>err.txt; then fail "user wrote enabled"; fi
grep -q "Permission denied" err.txt || fail "user: $(cat err.txt)"
same "$(cat $d/enabled)" 1 "enabled after the user write"

exec 3>$d/enabled
lkhp remove -i twofunc
[ ! -e $d ] || fail "directory left after remove"
if echo 1 >&3 2>err.txt; then fail "write through the stale file succeeded"; fi
cat err.txt
grep -q "No such device" err.txt || fail "stale write: $(cat err.txt)"
exec 3>&-
if grep -q lkhp2 /proc/loadavg; then fail "patched again by the stale write"; fi
same "$(lkhp list | wc -l)" 1 "empty table"
echo PASS
'
