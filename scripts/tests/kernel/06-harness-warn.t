#!/bin/bash
# A kernel WARNING fails the run even though the guest script succeeds,
# unless the test declares it with --expect-console.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
ko=$("$LKHP_TOP/scripts/kmod-build" "$LKHP_TOP/scripts/tests/modules/warn")
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --file "$ko" -- 'insmod warn.ko; echo script ok' || rc=$?
echo "unexpected WARN -> qemu-run exit $rc"
[ "$rc" -ne 0 ]
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --file "$ko" \
	--expect-console 'lkhp-warn-test: provoked on purpose|WARNING:.*warn_init' -- 'insmod warn.ko'
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --expect-console 'never printed' -- 'true' || rc=$?
echo "missing expected line -> qemu-run exit $rc"
[ "$rc" -ne 0 ]
