#!/bin/bash
# Fault injection, the short run of scripts/bench/runtime-faults: 20 rounds
# of install, disable, enable, replace and remove with allocation failures
# injected at 15 % into each call (about 300 in all, some 270 calls, 40 %
# of them failing). The bench fails on a call that could not be made,
# any state half-applied after a call (a patch without its module, sites
# of one patch mixed, a file answering another version than the sites),
# text not original or lkhp.ko's refcount not back at the end, and on any
# kernel failure. Here also: failures were injected, and calls failed
# because of them.
set -euo pipefail
. "$(dirname "$0")/../../../scripts/lib.sh"
out=$("$LKHP_TOP/scripts/bench/runtime-faults" 20 15)
echo "$out"
read -r failed injected < <(sed -n \
	's/.* \([0-9]*\) failed with an error, \([0-9]*\) allocation failures injected.*/\1 \2/p' <<<"$out") || true
[ "${injected:-0}" -ge 200 ] || die "only ${injected:-no} allocation failures injected"
[ "${failed:-0}" -ge 1 ] || die "no call failed: the faults missed lkhp's paths"
echo PASS
