#!/bin/bash
# lkhp-build as its manual describes it: explicit -s -c -v, -j 1, -n, -o,
# two patches into one module, --skip-cleanup and -d keeping the work
# directory, the modinfo fields, a vmlinux that is not the tree's refused;
# then 'make install' into a scratch root and the installed lkhp-build
# building a module; both modules live-patch the guest.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
lkhp_load_env
out=$LKHP_TOP/build/tests/lkhp-build
rm -rf "$out"
mkdir -p "$out"
tp=$LKHP_TOP/test-patches

"$LKHP_TOP/build-tool/lkhp-build" -s "$LKHP_KSRC" -c "$LKHP_KCONFIG" -v "$LKHP_VMLINUX" \
	-j 1 -n two -o "$out" --skip-cleanup "$tp/cmdline-string.patch" "$tp/version-string.patch" \
	>"$out/two.log" 2>&1 || { cat "$out/two.log"; die "lkhp-build of two patches failed"; }
cat "$out/two.log"
grep -qx 'cmdline.o: changed function: cmdline_proc_show' "$out/two.log"
grep -qx 'version.o: changed function: version_proc_show' "$out/two.log"
work=$(sed -n 's/^lkhp-build: work directory kept: //p' "$out/two.log")
[ -d "$work/diff" ] || die "--skip-cleanup: no work directory '$work'"
rm -rf "$work"
info=$(modinfo "$out/lkhp-two.ko")
echo "$info"
echo "$info" | grep -qx 'lkhp_patch: *two'
echo "$info" | grep -qx "lkhp_kernel: *$LKHP_KVER #.*"
want=$(cat "$tp/cmdline-string.patch" "$tp/version-string.patch" | sha256sum | cut -d' ' -f1)
echo "$info" | grep -qx "lkhp_source_sha256: *$want"
echo "$info" | grep -qx 'description: *LKHP live patch two'

"$LKHP_TOP/build-tool/lkhp-build" -d -o "$out" "$tp/version-string.patch" >"$out/debug.log" 2>&1 ||
	{ tail -n 30 "$out/debug.log"; die "lkhp-build -d failed"; }
grep -q '^+ .*lkhp-diff' "$out/debug.log" || die "-d: no trace of the steps"
work=$(sed -n 's/^lkhp-build: work directory kept: //p' "$out/debug.log")
[ -d "$work/diff" ] || die "-d: no work directory '$work'"
rm -rf "$work"

# A vmlinux of another release: refused before anything is patched.
sed "s/Linux version $LKHP_KVER /Linux version 6.1.999 /" "$LKHP_VMLINUX" >"$out/vmlinux-other"
rc=0
"$LKHP_TOP/build-tool/lkhp-build" -v "$out/vmlinux-other" -o "$out/other" "$tp/cmdline-string.patch" \
	>"$out/other.log" 2>&1 || rc=$?
cat "$out/other.log"
[ $rc -ne 0 ] || die "lkhp-build took a vmlinux of another release"
grep -q "ERROR: .*vmlinux-other is Linux 6.1.999, the tree .* builds $LKHP_KVER" "$out/other.log"
[ ! -e "$out/other/lkhp-cmdline-string.ko" ] || die "a module was written for the wrong vmlinux"

# make install, and the installed lkhp-build.
make -C "$LKHP_TOP" --no-print-directory install DESTDIR="$out/root" PREFIX=/usr >"$out/install.log"
for f in usr/bin/lkhp-build usr/share/man/man1/lkhp-build.1 usr/share/man/man8/lkhp.8 \
	usr/lib/lkhp/diff-object/lkhp-diff usr/lib/lkhp/diff-object/mkpatch/lkhp-mkpatch; do
	[ -e "$out/root/$f" ] || die "make install: no $f"
done
"$out/root/usr/bin/lkhp-build" --help | grep -q '^usage: lkhp-build'
"$out/root/usr/bin/lkhp-build" -s "$LKHP_KSRC" -c "$LKHP_KCONFIG" -v "$LKHP_VMLINUX" \
	-o "$out/installed" "$tp/meminfo-new-global.patch"

"$LKHP_TOP/scripts/qemu-run" --file "$out/lkhp-two.ko" \
	--file "$out/installed/lkhp-meminfo-new-global.ko" -- "
	insmod lkhp-two.ko
	grep -q '^lkhp_cmdline_string console=' /proc/cmdline
	grep -qx 'lkhp: live patched' /proc/version
	lkhp list -i two | grep -c '(active)' | grep -qx 2
	insmod lkhp-meminfo-new-global.ko
	grep -q '^LkhpMarker: *4242$' /proc/meminfo
	lkhp remove -i two
	lkhp remove -i meminfo-new-global
	grep -q '^console=' /proc/cmdline
	if grep -q 'lkhp: live patched' /proc/version || grep -q LkhpMarker /proc/meminfo; then
		echo 'still patched'; exit 1
	fi
"
