#!/bin/bash
# scripts/tests/kernel/12-boot-service.t on Debian's kernel: patches in both
# stores loaded by 'lkhp boot' before the test commands, Debian's lkhp.ko
# loaded by modprobe, the broken patch reported and skipped.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
LKHP_TEST_TARGET=debian:$LKHP_DEBIAN_RELEASE exec "$LKHP_TOP/scripts/tests/kernel/12-boot-service.t"
