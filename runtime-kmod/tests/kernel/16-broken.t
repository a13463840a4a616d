#!/bin/bash
# A patch module that unregisters its enabled patch (misuse.ko: a module
# ABI breach, warned about) while the disable cannot succeed (a site
# rewritten behind lkhp: EIO): the patch is not freed while its site still
# names it, but kept for good as broken: listed, shown in sysfs, never
# enabled, disabled or removed again, its module and lkhp.ko pinned, the
# kernel tainted. Its site stays as it was: a patch of the same function
# is refused while the site is not what lkhp left, then takes the site
# over and gives it back to the broken one, with no use-after-free.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 90 --expect-console 'WARNING:.*lkhp_unlist' --expect-taint W -- '
orig=$(cat /proc/cmdline)
site=$(printf "%x" $((0x$(kaddr cmdline_proc_show) + 5)))
orig7=$(text cmdline_proc_show 12 | cut -d" " -f6-12)
insmod lkhp-misuse.ko
same "$(cat /proc/cmdline)" lkhp-misuse-patched "misuse enabled"
ljmp=$(text cmdline_proc_show 12 | cut -d" " -f6-12)
must_fail insmod scribble.ko addr=$site "bytes=\"$orig7\""
echo 1 >/sys/module/lkhp_misuse/parameters/unregister
dmesg_has "misuse: disable failed: a patch site was rewritten behind lkhp"
dmesg_has "misuse: broken: could not be disabled \(-5\): its redirects stay, for good"
if dmesg | grep "misuse: unregistered"; then fail "a broken patch was unregistered"; fi
same "$(cat /sys/kernel/lkhp/misuse/state)" broken "sysfs state"
same "$(cat /sys/kernel/lkhp/misuse/enabled)" 1 "sysfs enabled"
same "$(cut -d" " -f5 /sys/kernel/lkhp/misuse/functions)" 1 "its function active at the site"
lkhp list | grep -E "^1 +misuse +broken +1 " || fail "lkhp list: $(lkhp list)"
lkhp list -i misuse | grep -x "state:      broken" || fail "lkhp list -i"
[ $(($(cat /proc/sys/kernel/tainted) & 512)) -ne 0 ] || fail "kernel not tainted W"
must_fail lkhp enable -i misuse
echo "$out" | grep -q "Invalid argument: misuse: enable refused: the patch is broken" || fail "enable: $out"
must_fail lkhp disable -i misuse
echo "$out" | grep -q "misuse: disable refused: the patch is broken" || fail "disable: $out"
must_fail lkhp remove -i misuse
must_fail sh -c "echo 0 >/sys/kernel/lkhp/misuse/enabled"
must_fail rmmod lkhp_misuse
must_fail rmmod lkhp
same "$(text cmdline_proc_show 12 | cut -d" " -f6-12)" "$orig7" "the site as the scribble left it"
same "$(cat /proc/cmdline)" "$orig" "/proc/cmdline through the original bytes"
# A patch of the same function expects the ljmp of the broken one there.
must_fail lkhp install -f lkhp-cmdline.ko
echo "$out" | grep -q "patch not enabled: Input/output error" || fail "install: $out"
echo "$out" | grep -q "lkhp: kernel: cmdline: enable failed: a patch site was rewritten behind lkhp" ||
	fail "install reason: $out"
if grep -q "^lkhp_cmdline " /proc/modules; then fail "lkhp_cmdline stayed loaded"; fi
same "$(text cmdline_proc_show 12 | cut -d" " -f6-12)" "$orig7" "refused enable wrote nothing"
# With the site as lkhp left it, the new patch takes it over, then gives it back.
must_fail insmod scribble.ko addr=$site "bytes=\"$ljmp\""
lkhp install -f lkhp-cmdline.ko
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "cmdline over the broken patch"
same "$(cut -d" " -f5 /sys/kernel/lkhp/misuse/functions)" 0 "broken one shadowed"
lkhp remove -i cmdline
same "$(cat /proc/cmdline)" lkhp-misuse-patched "the site back to the broken patch"
same "$(text cmdline_proc_show 12 | cut -d" " -f6-12)" "$ljmp" "its ljmp"
same "$(pstate misuse)" broken "still broken"
echo PASS
'
