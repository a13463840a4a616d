#!/bin/bash
# qemu-run --module NAME puts the image's module NAME and what it depends on
# into the guest with modules.dep: busybox modprobe loads binfmt_misc (no
# dependency) and vfat (needs fat).
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
"$LKHP_TOP/scripts/qemu-run" --target "$target" --module binfmt_misc --module vfat -- "
	if grep -qw binfmt_misc /proc/filesystems; then echo 'binfmt_misc there before modprobe'; exit 1; fi
	modprobe binfmt_misc
	mount -t binfmt_misc binfmt_misc /proc/sys/fs/binfmt_misc
	cat /proc/sys/fs/binfmt_misc/status
	[ \"\$(cat /proc/sys/fs/binfmt_misc/status)\" = enabled ]
	modprobe vfat
	grep -q '^fat ' /proc/modules
	grep -qw vfat /proc/filesystems
	lsmod
"
# A module that is not in the image, and one built into the kernel.
if out=$("$LKHP_TOP/scripts/qemu-run" --target "$target" --module no_such_mod -- true 2>&1); then
	die "--module no_such_mod: accepted"
fi
echo "$out"
grep -q -- "--module no_such_mod: no such module" <<<"$out"
if out=$("$LKHP_TOP/scripts/qemu-run" --target "$target" --module zswap -- true 2>&1); then
	die "--module zswap: accepted"
fi
echo "$out"
grep -q -- "--module zswap: built into $LKHP_DEBIAN_RELEASE, not a module" <<<"$out"
