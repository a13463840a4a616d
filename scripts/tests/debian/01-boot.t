#!/bin/bash
# qemu-run --target debian:RELEASE boots Debian's own vmlinuz (uname -r and
# uname -v are Debian's, with its package version) on 2 CPUs, with the
# target's lkhp.ko loaded and the lkhp CLI working.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
lkhp_load_target "$target"
"$LKHP_TOP/scripts/qemu-run" --target "$target" -- "
	uname -a
	[ \"\$(uname -r)\" = '$LKHP_DEBIAN_RELEASE' ]
	[ \"\$(uname -v)\" = '$LKHP_KVERSION' ]
	uname -v | grep -q ' Debian $LKHP_PKG_VERSION '
	[ \"\$(cat /sys/devices/system/cpu/online)\" = 0-1 ]
	grep -q '^lkhp ' /proc/modules
	[ -c /dev/lkhp ]
	lkhp list
	[ \"\$(lkhp list | wc -l)\" = 1 ]
	dmesg | grep -q 'lkhp: loaded'
"
