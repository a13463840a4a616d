#!/bin/bash
# A module function whose name the module has twice, pinned by position
# (lkhp-dupsym.ko replaces dupsym_target.ko's second static dupsym_show(),
# position 2, dupsym_b.c's): parameter b shows the patched code, a (the
# first dupsym_show()) stays the original; disable and remove bring b back.
# Once with the module loaded before the patch, once loaded after it (and
# reloaded while the patch is enabled).
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 300 -- '
p=/sys/module/dupsym_target/parameters
shows() {
	same "$(cat $p/a)" "a original" "$1: a"
	same "$(cat $p/b)" "b $2" "$1: b"
}
insmod dupsym_target.ko
shows "not patched" original
insmod lkhp-dupsym.ko
shows "patched, module loaded before" patched
lkhp disable -i dupsym
shows "disabled" original
lkhp enable -i dupsym
shows "re-enabled" patched
lkhp remove -i dupsym
shows "removed" original
rmmod dupsym_target
insmod lkhp-dupsym.ko
insmod dupsym_target.ko
shows "patched, module loaded after" patched
lkhp disable -i dupsym
shows "disabled" original
lkhp enable -i dupsym
shows "re-enabled" patched
rmmod dupsym_target
insmod dupsym_target.ko
shows "reloaded while enabled" patched
lkhp remove -i dupsym
shows "removed" original
rmmod dupsym_target
echo PASS
'
