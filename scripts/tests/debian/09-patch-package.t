#!/bin/bash
# scripts/tests/kernel/13-patch-package.t on Debian's kernel: a fix
# packaged with lkhp-build --deb loaded at boot, upgraded without a window,
# removed with the package.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
LKHP_TEST_TARGET=debian:$LKHP_DEBIAN_RELEASE exec "$LKHP_TOP/scripts/tests/kernel/13-patch-package.t"
