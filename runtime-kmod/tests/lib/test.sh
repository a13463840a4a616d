# shellcheck shell=bash
# Host-side helpers for runtime-kmod/tests/kernel/*.t: build what the tests
# need, then boot the guest with the test modules, helpers and guest.sh.
set -euo pipefail
. "$(dirname "${BASH_SOURCE[0]}")/../../../scripts/lib.sh"
RT_TESTS=$("$LKHP_TOP/runtime-kmod/tests/lib/build")
RT_MODS=$RT_TESTS/modules

# qrun [qemu-run options] -- 'GUEST COMMANDS': every test module and helper
# is in the guest's /lkhp/, and guest.sh is sourced first.
qrun() {
	local args=() f
	for f in "$RT_MODS"/*.ko "$RT_TESTS"/bin/* \
		"$LKHP_TOP/runtime-kmod/tests/lib/guest.sh"; do
		args+=(--file "$f")
	done
	while [ "$1" != -- ]; do
		args+=("$1")
		shift
	done
	shift
	"$LKHP_TOP/scripts/qemu-run" "${args[@]}" -- ". /lkhp/guest.sh
$1"
}
