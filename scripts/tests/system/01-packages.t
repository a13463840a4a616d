#!/bin/bash
# The packages on a Debian system (qemu-run --system): apt installs the
# 'make deb' packages and fix version 1 (cmdline-string, and pcspkr-name:
# pcspkr, a module udev loads at boot), which is live at once. Rebooted,
# the fix is live again before multi-user.target, one journal line says it
# was loaded, and pcspkr was patched from its first call (its probe named
# the device); the modprobe hook of the package (lkhp-build --deb), run by
# systemd-udevd for a pcspkr 'add' event, loads the fix before pcspkr when
# the fix is not loaded. apt upgrades to the
# cumulative version 2 with no moment unpatched. Rebooted again, version 2
# is live; apt remove takes it off the running kernel.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
. "$LKHP_TOP/scripts/tests/test-lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
system_guest_or_skip "$target"
lkhp_load_target "$target"
out=$LKHP_TOP/build/tests/system/packages
rm -rf "$out"
mkdir -p "$out"

"$LKHP_TOP/scripts/mkdeb" -o "$out/deb" "$target" >"$out/mkdeb.log" 2>&1 ||
	{ cat "$out/mkdeb.log"; die "mkdeb failed"; }
# build VERSION PATCH...: lkhp-fix_VERSION_i386.deb
build() {
	local v=$1
	shift
	DEBFULLNAME='LKHP tests' DEBEMAIL=tests@lkhp.example \
		"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n fix --replace \
		--deb --deb-version "$v" "$@" >"$out/$v.log" 2>&1 ||
		{ cat "$out/$v.log"; die "lkhp-build --deb of version $v failed"; }
}
build 1 "$LKHP_TOP/test-patches/cmdline-string.patch" "$LKHP_TOP/test-patches/objects/pcspkr-name.patch"
build 2 "$LKHP_TOP/test-patches/cumulative-replace.patch" "$LKHP_TOP/test-patches/objects/pcspkr-name.patch"
debs=()
for p in lkhp "lkhp-modules-$LKHP_KVER"; do
	debs+=(--file "$(ls "$out/deb/${p}_"*_i386.deb)")
done

system() {
	"$LKHP_TOP/scripts/qemu-run" --target "$target" --system --system-image "$out/disk.img" \
		--no-lkhp "$@"
}
# The system's facts the checks below use, as shell functions.
helpers='
live() { grep -q "^$1 console=" /proc/cmdline; }
speaker() { grep "^N: Name=\"PC Speaker" /proc/bus/input/devices; }
# ActiveEnterTimestampMonotonic of a unit
entered() { systemctl show -P ActiveEnterTimestampMonotonic "$1"; }
'

system "${debs[@]}" --file "$out/lkhp-fix_1_i386.deb" -- "$helpers
	apt-get install -y ./lkhp_*.deb ./lkhp-modules-*.deb ./lkhp-fix_1_i386.deb
	live lkhp_cmdline_string
	lkhp status
	systemctl is-enabled lkhp.service
	test -f /lib/modprobe.d/lkhp-fix.conf
"

system --file "$out/lkhp-fix_2_i386.deb" -- "$helpers
	live lkhp_cmdline_string
	lkhp status
	systemctl is-active lkhp.service
	# before multi-user.target, with one journal line for the fix (from
	# lkhp.service, or from pcspkr's modprobe hook when udev came first)
	[ \$(entered lkhp.service) -lt \$(entered multi-user.target) ]
	[ \$(journalctl -b -o cat | grep -c 'lkhp: fix-1: loaded, enabled') = 1 ]
	systemctl --failed --no-legend | grep . && exit 1
	# udev loaded pcspkr at boot: its probe ran patched
	speaker | grep -qF '(LKHP)'

	# udev loading pcspkr while the fix is not loaded: the hook, run by
	# systemd-udevd, loads the fix first
	modprobe -r pcspkr
	lkhp remove -i fix-1
	grep -q '^console=' /proc/cmdline
	udevadm trigger --action=add /sys/devices/platform/pcspkr
	udevadm settle
	grep -q '^pcspkr ' /proc/modules
	speaker | grep -qF '(LKHP)'
	live lkhp_cmdline_string
	journalctl -b -o cat -u systemd-udevd.service | grep -x 'lkhp: fix-1: loaded, enabled'

	# the upgrade: version 2 takes over in the same switch
	apt-get install -y ./lkhp-fix_2_i386.deb
	live lkhp_cumulative
	lkhp status
	dmesg >dmesg.txt
	enabled=\$(grep -n 'lkhp: fix-2: enabled' dmesg.txt | tail -n 1 | cut -d: -f1)
	gone=\$(grep -n 'lkhp: fix-1: unregistered' dmesg.txt | tail -n 1 | cut -d: -f1)
	echo \"fix-2 enabled at dmesg line \$enabled, fix-1 unregistered at \$gone\"
	[ \"\$enabled\" -lt \"\$gone\" ]
"

system -- "$helpers
	live lkhp_cumulative
	journalctl -b -o cat | grep -x 'lkhp: fix-2: loaded, enabled'
	speaker | grep -qF '(LKHP)'
	lkhp status
	apt-get remove -y lkhp-fix
	grep -q '^console=' /proc/cmdline
	if grep -q '^lkhp_fix_2 ' /proc/modules; then echo 'lkhp_fix_2 stayed loaded'; exit 1; fi
	test ! -e /lib/modprobe.d/lkhp-fix.conf
	lkhp status
"
