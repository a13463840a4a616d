# shellcheck shell=bash
# Helpers of the test scripts (sourced after scripts/lib.sh).

# make_other_build KO: patch module KO rewritten in place as if built for
# another build of its kernel: the version it carries (modinfo lkhp_kernel
# and its patch tables) changed in one digit, same length, so that lkhp.ko
# refuses it for a reason the module itself shows. Prints that version.
make_other_build() {
	local ko=$1 version other
	version=$(modinfo -F lkhp_kernel "$ko")
	version=${version#* }
	[ "${version:0:1}" = '#' ] || die "lkhp_kernel of $ko: no '#N' version: '$version'"
	other="#$([ "${version:1:1}" = 9 ] && echo 8 || echo 9)${version:2}"
	OLD=$version NEW=$other perl -0777 -pi -e 's/\Q$ENV{OLD}\E/$ENV{NEW}/g' "$ko"
	[ "$(grep -aoF "$other" "$ko" | wc -l)" -ge 2 ] ||
		die "$ko: the kernel version '$version' was not rewritten in both places"
	echo "$other"
}

# system_guest_or_skip TARGET: skip the test (exit 77) when the system
# guest's disk of TARGET is not built and this user cannot build it (root).
system_guest_or_skip() {
	[ "$(id -u)" -eq 0 ] || "$LKHP_TOP/scripts/lkhp-system" env "$1" >/dev/null 2>&1 || {
		echo "SKIP: the system guest's disk of $1 is not built, and building it needs root (scripts/lkhp-system)"
		exit 77
	}
}
