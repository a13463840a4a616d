#!/bin/bash
# make demo's scenario as a test, in one boot: the exploit works on the
# vulnerable kernel, lkhp-build builds the Dirty COW fix while the guest runs,
# the exploit fails once the fix is installed, works after disable, fails
# after enable.
# scripts/demo/run checks each step of the transcript itself.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
"$LKHP_TOP/scripts/demo/run"
