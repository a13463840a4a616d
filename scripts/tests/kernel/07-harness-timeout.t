#!/bin/bash
# A hung guest is ended by --timeout and reported as a failure.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
rc=0
start=$SECONDS
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --timeout 20 -- 'sleep 1000' 2>"$LKHP_TOP/build/timeout.err" || rc=$?
cat "$LKHP_TOP/build/timeout.err"
echo "hung guest -> qemu-run exit $rc after $((SECONDS - start))s"
[ "$rc" -ne 0 ]
[ $((SECONDS - start)) -lt 60 ]
grep -q 'did not finish within 20s' "$LKHP_TOP/build/timeout.err"
