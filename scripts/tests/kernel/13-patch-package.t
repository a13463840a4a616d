#!/bin/bash
# A fix shipped as packages (lkhp-build --deb): version 1 and 2 of package
# lkhp-fix, cumulative patches fix-1 (cmdline-string's change) and fix-2
# (cumulative-replace's). Installed on a machine with no patch yet, version
# 1's postinst loads lkhp.ko and the fix. The guest boots with version 1 installed (its
# files on disk): the boot service loads it before the test runs. Then
# dpkg's upgrade to version 2, step by step with the packages' own
# maintainer scripts (old prerm upgrade, unpack, new postinst configure):
# the fix stays live throughout, fix-2 is enabled (replacing fix-1 in the
# same switch) before fix-1 goes. Removing the package (prerm remove)
# takes the fix off the running kernel. And --deb refuses a patch with
# callbacks that is not cumulative. Installed means live: a postinst whose
# patch lkhp.ko refuses (another build's) fails with the reason, and
# succeeds when run again once the file is right ('dpkg --configure -a');
# one whose patch is loaded but disabled enables it.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
. "$LKHP_TOP/scripts/tests/test-lib.sh"
target=${LKHP_TEST_TARGET:-test}
lkhp_load_target "$target"
out=$LKHP_TOP/build/tests/patch-package/${target//:/-}
rm -rf "$out"
mkdir -p "$out"

# build VERSION PATCH: lkhp-fix_VERSION_i386.deb, unpacked into $out/VERSION/
build() {
	DEBFULLNAME='LKHP tests' DEBEMAIL=tests@lkhp.example \
		"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n fix --replace \
		--deb --deb-version "$1" "$LKHP_TOP/test-patches/$2.patch" >"$out/$1.log" 2>&1 ||
		{ cat "$out/$1.log"; die "lkhp-build --deb of version $1 failed"; }
	dpkg-deb -x "$out/lkhp-fix_$1_i386.deb" "$out/$1"
	dpkg-deb -e "$out/lkhp-fix_$1_i386.deb" "$out/$1/DEBIAN"
}
build 1 cmdline-string
build 2 cumulative-replace
# a patch with callbacks must be cumulative to be packaged
if "$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out/cb" -n cb --deb \
	"$LKHP_TOP/test-patches/macro-callbacks.patch" >"$out/cb.log" 2>&1; then
	die "--deb packaged a patch with callbacks without --replace"
fi
grep -q -- '--deb: the patch has callbacks: build it with --replace' "$out/cb.log" ||
	{ cat "$out/cb.log"; die "no reason for refusing the patch with callbacks"; }
[ -z "$(ls -A "$out/cb")" ] || die "the refused --deb build left $(ls "$out/cb")"

# Broken: version 1's module as another build's (lkhp.ko refuses it).
cp "$out/1/usr/lib/lkhp/patches/$LKHP_KVER/lkhp-fix-1.ko" "$out/broken.ko"
make_other_build "$out/broken.ko" >/dev/null

store=/usr/lib/lkhp/patches/$LKHP_KVER
for v in 1 2; do
	[ -f "$out/$v$store/lkhp-fix-$v.ko" ] || die "lkhp-fix_$v: no $store/lkhp-fix-$v.ko"
done
# The first patch package of a machine: nothing loaded lkhp.ko at boot (no
# patch stored); the postinst's lkhp install does, with modprobe.
"$LKHP_TOP/scripts/qemu-run" --target "$target" --boot-service \
	--file-at "$out/1$store/lkhp-fix-1.ko:/lkhp/1/lkhp-fix-1.ko" \
	--file-at "$out/1/DEBIAN/postinst:/lkhp/1/postinst" \
	--file-at "$out/broken.ko:/lkhp/broken.ko" -- "
	cat boot-service.log
	if grep -q '^lkhp ' /proc/modules; then echo 'lkhp.ko loaded without a patch stored'; exit 1; fi
	mkdir -p $store
	cp broken.ko $store/lkhp-fix-1.ko
	rc=0
	sh 1/postinst configure 2>err.txt || rc=\$?
	cat err.txt
	[ \$rc = 1 ]
	grep -q 'lkhp-fix: ERROR: loading $store/lkhp-fix-1.ko failed (see above): the fix is NOT live' err.txt
	grep -q 'kernel: fix-1: refused: built for kernel' err.txt
	grep -q '^console=' /proc/cmdline
	cp 1/lkhp-fix-1.ko $store/
	sh 1/postinst configure | grep -qx 'lkhp-fix: patch fix-1 loaded and enabled'
	grep -q '^lkhp ' /proc/modules
	grep -q '^lkhp_cmdline_string console=' /proc/cmdline
	lkhp disable -i fix-1
	sh 1/postinst configure | grep -qx 'lkhp-fix: patch fix-1 enabled'
	grep -q '^lkhp_cmdline_string console=' /proc/cmdline
	sh 1/postinst configure | grep -qx 'lkhp-fix: patch fix-1 is loaded already'
"

"$LKHP_TOP/scripts/qemu-run" --target "$target" --boot-service \
	--file-at "$out/1$store/lkhp-fix-1.ko:$store/lkhp-fix-1.ko" \
	--file-at "$out/2$store/lkhp-fix-2.ko:/lkhp/2/lkhp-fix-2.ko" \
	--file-at "$out/1/DEBIAN/prerm:/lkhp/1/prerm" \
	--file-at "$out/2/DEBIAN/postinst:/lkhp/2/postinst" \
	--file-at "$out/2/DEBIAN/prerm:/lkhp/2/prerm" -- "
	cat boot-service.log
	grep -qx 'lkhp: fix-1: loaded, enabled' boot-service.log
	grep -q '^lkhp_cmdline_string console=' /proc/cmdline

	# dpkg -i lkhp-fix_2: the old prerm, the new files, the new postinst
	sh 1/prerm upgrade 2
	grep -q '^lkhp_cmdline_string console=' /proc/cmdline
	rm $store/lkhp-fix-1.ko
	cp 2/lkhp-fix-2.ko $store/
	sh 2/postinst configure 1 | tee postinst.log
	grep -qx 'lkhp-fix: patch fix-1 of version 1 removed' postinst.log
	grep -q '^lkhp_cumulative console=' /proc/cmdline
	lkhp list -i fix-2 | grep -q enabled
	if lkhp list -i fix-1 >/dev/null 2>&1; then echo 'fix-1 still loaded'; exit 1; fi
	# no window: fix-2 took the sites from fix-1 in its enable
	dmesg >dmesg.txt
	enabled=\$(grep -n 'lkhp: fix-2: enabled' dmesg.txt | cut -d: -f1)
	replaced=\$(grep -n 'lkhp: fix-1: disabled: replaced by fix-2' dmesg.txt | cut -d: -f1)
	gone=\$(grep -n 'lkhp: fix-1: unregistered' dmesg.txt | cut -d: -f1)
	echo \"fix-2 enabled at line \$enabled, fix-1 replaced at \$replaced, unregistered at \$gone\"
	[ \"\$enabled\" -lt \"\$gone\" ]
	[ \"\$replaced\" -lt \"\$gone\" ]
	lkhp boot | grep -qx 'lkhp: fix-2: already loaded, skipped'

	# dpkg -r lkhp-fix
	sh 2/prerm remove | grep -qx 'lkhp-fix: patch fix-2 removed from the running kernel'
	grep -q '^console=' /proc/cmdline
	if grep -q '^lkhp_fix_2 ' /proc/modules; then echo 'lkhp_fix_2 stayed loaded'; exit 1; fi
"
