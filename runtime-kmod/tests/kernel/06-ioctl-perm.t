#!/bin/bash
# /dev/lkhp refuses non-root callers (open: EACCES; an fd passed to uid 1000:
# EPERM from the CAP_SYS_MODULE check) and bad requests: unknown ids, other
# struct sizes and ABI versions, unknown commands, bad pointers. The patch
# and the kernel text are untouched by all of it. A removed patch cannot
# be enabled again (the reason comes back through the ioctl).
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 90 -- '
ls -l /dev/lkhp | grep -q "^crw-------" || fail "mode 0600"
orig=$(cat /proc/cmdline)
lkhp install -f lkhp-cmdline.ko
after=$(text cmdline_proc_show)
su -s /bin/sh user -c "lkhp list" >u.txt 2>&1 && fail "lkhp list as user: $(cat u.txt)"
grep -q "Permission denied" u.txt || fail "user message: $(cat u.txt)"
su -s /bin/sh user -c "lkhp disable -i 1" >u.txt 2>&1 && fail "disable as user"
cat u.txt
./probe perm
./probe errors 1
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "still patched"
same "$(text cmdline_proc_show)" "$after" "bytes"
must_fail lkhp enable -i 42
echo "$out" | grep -q "no patch with id 42" || fail "CLI bad id"
must_fail lkhp disable -i nosuchpatch
echo "$out" | grep -q "no patch named .nosuchpatch." || fail "CLI bad name"
must_fail lkhp frobnicate
must_fail lkhp enable
lkhp -v | grep -q "^lkhp 1.0 (uapi 2)$" || fail "version"
lkhp --help | grep -Eq "install +-f FILE.ko" || fail "help"
# removing is for good: the patch cannot be enabled again before its rmmod
./probe removing 1
lkhp list | grep -Eq "^1 +cmdline +removing" || fail "state after remove: $(lkhp list)"
rmmod lkhp_cmdline
same "$(cat /proc/cmdline)" "$orig" "original /proc/cmdline after rmmod"
echo PASS
'
