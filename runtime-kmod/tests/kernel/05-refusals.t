#!/bin/bash
# Patches lkhp must refuse, each with a message naming the reason and the
# symbol, no module left loaded and the kernel text unchanged: a wrong
# link-time address (as if built for another kernel), a function too short
# for the redirect (the 7-byte ljmp; the 5-byte jmp fits it), another kernel
# build's UTS version.
. "$(dirname "$0")/../lib/test.sh"
short=$(sed -n 's/^#define LKHP_TEST_SHORT_NAME "\(.*\)"$/\1/p' "$RT_MODS/syms.h")
qrun --timeout 90 -- '
short='"$short"'
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
short_before=$(text "$short" 10)

must_fail lkhp install -f lkhp-wrongaddr.ko
echo "$out" | grep -q "Exec format error" || fail "errno"
echo "$out" | grep -q "symbol cmdline_proc_show (link-time 0x[0-9a-f]*, size 0x27) does not verify: 0x[0-9a-f]* is cmdline_proc_show+0x10/0x30" ||
	fail "CLI shows the kernel reason"
dmesg_has "wrongaddr: refused: symbol cmdline_proc_show .* does not verify"

must_fail lkhp install -f lkhp-short.ko
echo "$out" | grep -q "Invalid argument" || fail "errno"
dmesg_has "short: refused: $short is too short for the redirect: 10 bytes, need 12 \(site offset 5 \+ 7-byte ljmp\)"
echo "$out" | grep -q "lkhp: kernel: short: refused: $short is too short" || fail "CLI reason (short)"

# The same function takes the 5-byte jmp rel32 (e9, rel to the site end).
lkhp install -f lkhp-shortjmp.ko
site=$(text "$short" 10 | cut -d" " -f6-10)
case $site in e9\ *) ;; *) fail "no jmp at $short+5: $site" ;; esac
lkhp list -i shortjmp | grep -q "^    patch     $site\$" || fail "lkhp list shows the 5-byte jmp"
lkhp disable -i shortjmp
same "$(text "$short" 10)" "$short_before" "$short bytes after disable"
lkhp remove -i shortjmp

must_fail lkhp install -f lkhp-wrongver.ko
dmesg_has "wrongver: refused: built for kernel .*some other build.*, running"
echo "$out" | grep -q "lkhp: kernel: wrongver: refused: built for kernel" || fail "CLI reason (wrongver)"

must_fail lkhp install -f /lkhp/guest.sh
echo "$out" | grep -q "not a kernel module" || fail "non-module file"

same "$(text cmdline_proc_show)" "$before" "cmdline_proc_show bytes"
same "$(text "$short" 10)" "$short_before" "$short bytes"
same "$(cat /proc/cmdline)" "$orig" "/proc/cmdline"
! grep -q "^lkhp_" /proc/modules || fail "a patch module stayed loaded"
same "$(lkhp list | wc -l)" 1 "empty patch table"
# The refusals left nothing behind: a good patch still works.
lkhp install -f lkhp-cmdline.ko
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "good patch after refusals"
lkhp remove -i cmdline
echo PASS
'
