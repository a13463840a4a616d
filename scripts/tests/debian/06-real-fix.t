#!/bin/bash
# A real security fix on a real Debian kernel: Debian's 6.1.0-47-686-pae
# (linux 6.1.170-3) takes the net/ipv4/raw.c fix of 6.1.176-1
# (test-patches/real/raw-hdrincl-ihl.patch, cut from the difference of the two
# linux-source-6.1 versions by scripts/bench/real-fixes) live, and in one
# boot goes vulnerable -> fixed -> vulnerable -> fixed -> vulnerable
# (scripts/patch-test's standard flow).
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:6.1.0-47-686-pae
make --no-print-directory -C "$LKHP_TOP/runtime-kmod" TARGET="$target" module >/dev/null
LKHP_TEST_TARGET=$target exec "$LKHP_TOP/scripts/patch-test" \
	"$LKHP_TOP/test-patches/real/raw-hdrincl-ihl.patch"
