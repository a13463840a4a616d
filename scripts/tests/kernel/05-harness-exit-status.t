#!/bin/bash
# qemu-run passes the guest's exit status on: 0 for success, non-zero for failure.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
"$LKHP_TOP/scripts/qemu-run" --no-lkhp -- 'true'
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp -- 'echo failing on purpose; exit 3' || rc=$?
echo "guest exit 3 -> qemu-run exit $rc"
[ "$rc" -eq 3 ]
rc=0
"$LKHP_TOP/scripts/qemu-run" --no-lkhp -- 'false; echo not reached' || rc=$?
echo "failing command under sh -e -> qemu-run exit $rc"
[ "$rc" -ne 0 ]
