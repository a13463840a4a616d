#!/bin/bash
# The reverse of 03: the Debian target's lkhp.ko inserted into the test
# kernel is refused, with the kernel's reason and no oops.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
lkhp_load_target "debian:$LKHP_DEBIAN_RELEASE"
ko=$LKHP_RUNTIME_DIR/lkhp.ko
[ -f "$ko" ] || die "$ko missing: run 'make -C runtime-kmod TARGET=$LKHP_TARGET'"
"$LKHP_TOP/scripts/qemu-run" --target test --no-lkhp --file "$ko" -- "
	if insmod lkhp.ko; then echo 'the Debian lkhp.ko loaded into the test kernel'; exit 1; fi
	if grep -q '^lkhp ' /proc/modules; then exit 1; fi
	dmesg | tail -n 3
	dmesg | grep -qE 'lkhp: (version magic|no symbol version|disagrees about version)'
"
