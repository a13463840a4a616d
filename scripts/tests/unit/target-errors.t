#!/bin/bash
# scripts/lkhp-target refuses bad targets with a clear message: an unknown
# Debian release (naming releases the archive has), a RELEASE that is not a
# 'uname -r', an unknown target kind; and qemu-run passes the refusal on.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
command -v apt-cache >/dev/null || { echo "SKIP: no apt-cache (not a Debian host)"; exit 77; }

# refused EXPECTED_ERE CMD...: CMD fails and says EXPECTED_ERE.
refused() {
	local want=$1 out
	shift
	if out=$("$@" 2>&1); then
		die "accepted: $*"
	fi
	echo "$* -> $out"
	grep -qE "$want" <<<"$out" || die "'$*' did not say /$want/"
}
target=$LKHP_TOP/scripts/lkhp-target
refused "ERROR: unknown release '6\.1\.0-999-686-pae': the apt archive has no linux-image-6\.1\.0-999-686-pae-unsigned:i386 .*$LKHP_DEBIAN_RELEASE" \
	"$target" env debian:6.1.0-999-686-pae
refused "ERROR: debian:6\.1: RELEASE is what 'uname -r' prints" "$target" env debian:6.1
refused "ERROR: unknown target 'ubuntu:6\.1\.0-57-686-pae': 'test' or 'debian:RELEASE'" \
	"$target" env ubuntu:6.1.0-57-686-pae
refused "ERROR: unknown release '6\.1\.0-999-686-pae'" \
	"$LKHP_TOP/scripts/qemu-run" --target debian:6.1.0-999-686-pae -- true
"$target" list | grep -qx "$LKHP_DEBIAN_RELEASE" || die "'lkhp-target list' lacks $LKHP_DEBIAN_RELEASE"
