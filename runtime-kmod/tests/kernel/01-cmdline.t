#!/bin/bash
# A patch replacing cmdline_proc_show: install changes /proc/cmdline and puts
# `ljmp $__KERNEL_CS, $new` just past the ftrace site; disable restores the
# bytes and the output; enable patches again; remove restores and unloads.
# Also: the table, sysfs, the dmesg transcript, rmmod of an enabled patch
# and of lkhp.ko refused with the kernel text unchanged.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 90 -- '
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
case $before in "3e 8d 74 26 00 "*) ;; *) fail "no ftrace nop: $before" ;; esac

id=$(lkhp install -f lkhp-cmdline.ko)
same "$id" 1 "patch id"
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "patched /proc/cmdline"
after=$(text cmdline_proc_show)
new=$(awk "\$3 == \"new_cmdline_proc_show\" { print \$1 }" /proc/kallsyms)
le=$(echo "$new" | sed "s/\(..\)\(..\)\(..\)\(..\)/\4 \3 \2 \1/")
same "$after" "3e 8d 74 26 00 ea $le 60 00" "site bytes after enable"

lkhp list | tee list.txt
grep -E "^1 +cmdline +enabled +1  [0-9]{4}-" list.txt || fail "list row"
lkhp list -i cmdline | tee info.txt
grep -q "cmdline_proc_show \[vmlinux\] 0x$(kaddr cmdline_proc_show)+5 -> 0x$new (active)" info.txt ||
	fail "list -i function line"
grep -q "original  ${before#3e 8d 74 26 00 }" info.txt || fail "saved original bytes"
same "$(cat /sys/kernel/lkhp/cmdline/enabled)" 1 "sysfs enabled"
same "$(cat /sys/kernel/lkhp/cmdline/module)" lkhp_cmdline "sysfs module"
[ "$(cat /sys/kernel/lkhp/cmdline/stop_ns)" -gt 0 ] || fail "stop_ns"

# An enabled patch cannot be unloaded, nor lkhp.ko under a patch.
must_fail rmmod lkhp_cmdline
must_fail rmmod lkhp
same "$(text cmdline_proc_show)" "$after" "bytes after refused rmmod"
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "still patched"

lkhp disable -i 1
same "$(cat /proc/cmdline)" "$orig" "disabled /proc/cmdline"
same "$(text cmdline_proc_show)" "$before" "bytes after disable"
lkhp list | grep -E "^1 +cmdline +disabled +1  -$"
# Disabled but registered: lkhp.ko still may not go.
must_fail rmmod lkhp
same "$(text cmdline_proc_show)" "$before" "bytes after refused rmmod lkhp"

lkhp enable -i lkhp_cmdline
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "re-enabled"
echo 0 >/sys/kernel/lkhp/cmdline/enabled
same "$(cat /proc/cmdline)" "$orig" "sysfs disable"
echo 1 >/sys/kernel/lkhp/cmdline/enabled
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "sysfs enable"

lkhp remove -i cmdline | grep -x "removed patch 1 (cmdline)"
same "$(cat /proc/cmdline)" "$orig" "removed"
same "$(text cmdline_proc_show)" "$before" "bytes after remove"
! grep -q "^lkhp_cmdline " /proc/modules || fail "module still loaded"
[ ! -e /sys/kernel/lkhp/cmdline ] || fail "sysfs dir left"
must_fail lkhp list -i 1
lkhp list | tee list.txt
same "$(wc -l <list.txt)" 1 "empty table"

# One stable line per transition.
dmesg | sed -n "s/^\[[ 0-9.]*\] lkhp: //p" | tee transcript.txt
cat >expect.txt <<EOT
loaded, version 1.0, ABI 5, uapi 2
cmdline: registered as patch 1 with 1 functions
cmdline: enabled
cmdline: disabled
cmdline: enabled
cmdline: disabled
cmdline: enabled
cmdline: disabled
cmdline: removing
cmdline: unregistered
EOT
grep -v "out-of-tree" transcript.txt | diff expect.txt - || fail "dmesg transcript"
rmmod lkhp
[ ! -e /dev/lkhp ] || fail "/dev/lkhp left"
echo PASS
'
