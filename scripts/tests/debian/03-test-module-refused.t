#!/bin/bash
# A module built for the test kernel (its lkhp.ko) inserted into Debian's
# kernel is refused, with the kernel's reason and no oops.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
lkhp_load_target test
ko=$LKHP_RUNTIME_DIR/lkhp.ko
[ -f "$ko" ] || die "$ko missing: run 'make runtime'"
"$LKHP_TOP/scripts/qemu-run" --target "debian:$LKHP_DEBIAN_RELEASE" --no-lkhp --file "$ko" -- "
	if insmod lkhp.ko; then echo 'the test kernel lkhp.ko loaded into Debian'\"'\"'s kernel'; exit 1; fi
	if grep -q '^lkhp ' /proc/modules; then exit 1; fi
	dmesg | tail -n 3
	dmesg | grep -qE 'lkhp: (version magic|no symbol version|disagrees about version)'
"
