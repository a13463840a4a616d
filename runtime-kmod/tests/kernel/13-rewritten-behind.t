#!/bin/bash
# A patch site rewritten behind lkhp (scribble.ko puts the original bytes
# back under the enabled patch): disable refuses with EIO and the message,
# writes nothing, and the patch stays enabled; with the site as lkhp left
# it, disable and remove work again.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 90 -- '
site=$(printf "%x" $((0x$(kaddr cmdline_proc_show) + 5)))
orig7=$(text cmdline_proc_show 12 | cut -d" " -f6-12)
lkhp install -f lkhp-cmdline.ko
ljmp=$(text cmdline_proc_show 12 | cut -d" " -f6-12)
must_fail insmod scribble.ko addr=$site "bytes=\"$orig7\""
same "$(text cmdline_proc_show 12 | cut -d" " -f6-12)" "$orig7" "site rewritten behind lkhp"
must_fail lkhp disable -i cmdline
echo "$out" | grep -q "Input/output error" || fail "errno: $out"
dmesg_has "cmdline: disable failed: a patch site was rewritten behind lkhp"
same "$(text cmdline_proc_show 12 | cut -d" " -f6-12)" "$orig7" "disable wrote nothing"
same "$(cat /sys/kernel/lkhp/cmdline/state)" enabled "still enabled"
must_fail insmod scribble.ko addr=$site "bytes=\"$ljmp\""
lkhp disable -i cmdline
same "$(text cmdline_proc_show 12 | cut -d" " -f6-12)" "$orig7" "disabled"
lkhp remove -i cmdline
echo PASS
'
