#!/bin/bash
# scripts/lkhp-target refuses bad targets with a clear message: an unknown
# Debian release (naming releases the archive has), a RELEASE that is not a
# 'uname -r', an unknown target kind; and qemu-run passes the refusal on.
# qemu-run's system guest: only for a Debian target, and not with the
# options of the busybox guest.
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
refused "ERROR: target 'test' has no Debian system: the system guest boots a Debian kernel" \
	"$LKHP_TOP/scripts/qemu-run" --system -- true
refused "ERROR: --system-image goes with --system" \
	"$LKHP_TOP/scripts/qemu-run" --system-image /tmp/none.img -- true
refused "ERROR: --module does not go with --system" \
	"$LKHP_TOP/scripts/qemu-run" --system --module pcspkr -- true
refused "ERROR: --boot-service does not go with --system" \
	"$LKHP_TOP/scripts/qemu-run" --system --boot-service -- true
