#!/bin/bash
# A module built out of tree against the cached kernel loads and unloads.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
ko=$("$LKHP_TOP/scripts/kmod-build" "$LKHP_TOP/scripts/tests/modules/hello")
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --file "$ko" -- "
	insmod hello.ko
	grep -q '^hello ' /proc/modules
	dmesg | grep -q 'lkhp-hello: loaded'
	rmmod hello
	if grep -q '^hello ' /proc/modules; then echo 'hello still loaded'; exit 1; fi
	dmesg | grep -q 'lkhp-hello: unloaded'
"
