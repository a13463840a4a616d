#!/bin/bash
# A relocation place that crosses a page boundary of the patch module's text
# (pagecross.c): lkhp writes it through an alias of both pages, and the
# patched /proc/cmdline reads the command line through it. (No function
# site of a gcc-built kernel crosses a page: functions are 16-byte aligned
# and a site is 7 bytes at +0 or +5; only unaligned .cold parts could.)
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 90 -- '
orig=$(cat /proc/cmdline)
lkhp install -f lkhp-pagecross.ko
imm=$(awk "\$3 == \"pagecross_imm\" { print \$1 }" /proc/kallsyms)
[ $(( 0x$imm % 4096 )) -eq 4094 ] || fail "the place is not across a page: $imm"
same "$(cat /proc/cmdline)" "lkhp-pagecross $orig" "read through the place"
lkhp remove -i pagecross
same "$(cat /proc/cmdline)" "$orig" "removed"
echo PASS
'
