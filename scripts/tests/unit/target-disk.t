#!/bin/bash
# scripts/lkhp-target checks the free space before it downloads anything:
# preparing the default Debian release into a cache on a 16 MB tmpfs (in a
# private mount namespace) is refused, naming what it needs and what is free.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
command -v apt-cache >/dev/null || { echo "SKIP: no apt-cache (not a Debian host)"; exit 77; }
unshare -rm true 2>/dev/null || { echo "SKIP: no user and mount namespaces (unshare -rm)"; exit 77; }
mnt=$(mktemp -d)
trap 'rmdir "$mnt"' EXIT
rc=0
out=$(unshare -rm sh -c "mount -t tmpfs -o size=16m tmpfs '$mnt' &&
	LKHP_CACHE='$mnt/cache' '$LKHP_TOP/scripts/lkhp-target' env debian:$LKHP_DEBIAN_RELEASE" 2>&1) || rc=$?
echo "$out"
[ $rc -ne 0 ] || die "prepared on a 16 MB file system"
grep -qE "ERROR: too little disk for debian:$LKHP_DEBIAN_RELEASE: need [0-9]+ MB in $mnt/cache/debian/[^ ]+, 1[0-9] MB free" <<<"$out"
if grep -q downloading <<<"$out"; then die "downloaded before checking the space"; fi
