#!/bin/bash
# The system guest judges as the busybox guest does: the commands' exit
# status is qemu-run's, and a kernel failure printed on the console fails
# the run (here a WARNING line written to the kernel log, which systemd's
# console and the serial getty share); the console reaches the log without
# systemd's colours.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
. "$LKHP_TOP/scripts/tests/test-lib.sh"
system_guest_or_skip "debian:$LKHP_DEBIAN_RELEASE"
out=$LKHP_TOP/build/tests/system/harness
rm -rf "$out"
mkdir -p "$out"
rc=0
"$LKHP_TOP/scripts/qemu-run" --target "debian:$LKHP_DEBIAN_RELEASE" --system --log "$out/console.log" -- '
	[ "$(cat /proc/1/comm)" = systemd ]
	systemctl is-active multi-user.target
	echo "<4>WARNING: CPU: 0 PID: 1 at lkhp-system-harness-test" >/dev/kmsg
	exit 3
' >"$out/run.log" 2>&1 || rc=$?
cat "$out/run.log"
[ $rc = 3 ] || die "qemu-run exited $rc, not the commands' 3"
grep -q 'qemu-run: FAIL: kernel failure on the console' "$out/run.log" ||
	die "the WARNING on the system guest's console was not reported"
grep -q '^\[  OK  \] Reached target multi-user.target' "$out/console.log" ||
	die "no plain 'Reached target multi-user.target' status line on the console"
if grep -q $'\x1b' "$out/console.log"; then die "escape sequences in the console log"; fi
