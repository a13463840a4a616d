#!/bin/bash
# A module fix in a directory without a Makefile of its own: iwlwifi's
# queue/tx.c is named by drivers/net/wireless/intel/iwlwifi/Makefile as
# queue/tx.o. The real fix of 6.1.176-1 (test-patches/real/, cut by
# scripts/bench/real-fixes) builds for Debian's 6.1.0-47-686-pae, lkhp-build
# names the object's module, and in one boot the part installed before
# iwlwifi loads waits, applies at modprobe, and goes with remove.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:6.1.0-47-686-pae
out=$LKHP_TOP/build/tests/debian-parent-makefile
rm -rf "$out"
mkdir -p "$out"
make --no-print-directory -C "$LKHP_TOP/runtime-kmod" TARGET="$target" module >/dev/null
"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n iwl \
	"$LKHP_TOP/test-patches/real/iwlwifi-reclaim-lock.patch" >"$out/build.log" 2>&1 ||
	{ cat "$out/build.log"; die "lkhp-build failed"; }
cat "$out/build.log"
grep -qx 'lkhp-build:   drivers/net/wireless/intel/iwlwifi/queue/tx\.o: module iwlwifi' "$out/build.log" ||
	die "no progress line naming queue/tx.o's module iwlwifi"
"$LKHP_TOP/scripts/qemu-run" --target "$target" --module iwlwifi --file "$out/lkhp-iwl.ko" -- "
	lkhp install -f lkhp-iwl.ko
	lkhp list | grep -q '^ *iwlwifi: waiting' || { lkhp list; exit 1; }
	modprobe iwlwifi
	lkhp list | grep -q '^ *iwlwifi: enabled, 1 function' || { lkhp list; exit 1; }
	lkhp remove -i iwl
	rmmod iwlwifi
"
