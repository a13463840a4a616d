#!/bin/bash
# Two patches on one function: the newest enabled wins, disabling it falls
# back to the older one, disabling the older one while shadowed changes
# nothing; a replace-mode patch disables every other patch in one switch.
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 90 -- '
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
lkhp install -f lkhp-cmdline.ko
lkhp install -f lkhp-cmdline2.ko
same "$(cat /proc/cmdline)" lkhp-cmdline2-patched "newest wins"
lkhp list -i cmdline | grep -q "(active)" && fail "cmdline still active"
lkhp disable -i cmdline2
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "fell back to the older patch"
lkhp enable -i cmdline2
same "$(cat /proc/cmdline)" lkhp-cmdline2-patched "newest again"
shadowed=$(text cmdline_proc_show)
lkhp disable -i cmdline
same "$(cat /proc/cmdline)" lkhp-cmdline2-patched "older disabled under the newer"
same "$(text cmdline_proc_show)" "$shadowed" "no rewrite for a shadowed patch"
lkhp enable -i cmdline
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "re-enabled older is now the newest"
lkhp disable -i cmdline
same "$(cat /proc/cmdline)" lkhp-cmdline2-patched "back to cmdline2"

id=$(lkhp install -f lkhp-replace.ko)
same "$(cat /proc/cmdline)" lkhp-replace-patched "replace patch"
lkhp list | tee list.txt
grep -Eq "^2 +cmdline2 +disabled" list.txt || fail "cmdline2 not disabled by replace"
grep -Eq "^$id +replace +enabled" list.txt || fail "replace not enabled"
dmesg_has "cmdline2: disabled: replaced by replace"
lkhp disable -i replace
same "$(cat /proc/cmdline)" "$orig" "replace disabled: nothing else enabled"
same "$(text cmdline_proc_show)" "$before" "original bytes"
lkhp enable -i cmdline
lkhp remove -i cmdline2
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "removing a disabled patch keeps the other"
lkhp remove -i replace
lkhp remove -i cmdline
same "$(cat /proc/cmdline)" "$orig" "all removed"
same "$(text cmdline_proc_show)" "$before" "original bytes at the end"
echo PASS
'
