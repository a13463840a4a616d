#!/bin/bash
# Concurrent administration, the short run of scripts/bench/runtime-race:
# 20 s of four lkhp command loops, a sysfs writer, an rmmod loop and pairs
# of concurrent insmods on three patches, on two vCPUs running at once.
# The bench fails on any kernel failure, on a state afterwards where a
# patch is without its module or its sites disagree with it, on text not
# original once everything is removed, and when one of the seven never
# succeeded.
set -euo pipefail
. "$(dirname "$0")/../../../scripts/lib.sh"
"$LKHP_TOP/scripts/bench/runtime-race" 20
echo PASS
