#!/bin/bash
# A kernel WARNING fails the run even though the guest script succeeds,
# unless the test declares it with --expect-console and its taint with
# --expect-taint W; a declared line or taint that never appears fails the
# run too. (Every other failure class has its own
# self-test: scripts/tests/harness-failure.)
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
ko=$("$LKHP_TOP/scripts/kmod-build" "$LKHP_TOP/scripts/tests/modules/provoke")
warn="insmod provoke.ko what=warning
	until dmesg | grep -q 'lkhp-provoke: warning'; do sleep 0.2; done
	echo script ok"
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --file "$ko" -- "$warn" || rc=$?
echo "unexpected WARN -> qemu-run exit $rc"
[ "$rc" -ne 0 ]
expect=(--expect-console 'lkhp-provoke: warning|WARNING:.*provoke_warning')
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --file "$ko" "${expect[@]}" -- "$warn" || rc=$?
echo "declared WARN line, undeclared W taint -> qemu-run exit $rc"
[ "$rc" -ne 0 ]
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --file "$ko" "${expect[@]}" --expect-taint W -- "$warn"
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --expect-console 'never printed' -- 'true' || rc=$?
echo "missing expected line -> qemu-run exit $rc"
[ "$rc" -ne 0 ]
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --expect-taint W -- 'true' || rc=$?
echo "missing expected taint -> qemu-run exit $rc"
[ "$rc" -ne 0 ]
