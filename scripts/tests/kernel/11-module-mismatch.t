#!/bin/bash
# A patch for a module refuses a build of that module other than the one it
# was made for: with binfmt-misc-status waiting, loading a binfmt_misc.ko
# whose bm_status_read differs (built from changed source) fails with
# lkhp.ko's reason and changes nothing; the kernel's own binfmt_misc then
# loads patched. (A patch of the module's __init code:
# test-patches/binfmt-misc-init.)
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
lkhp_load_env
out=$LKHP_TOP/build/tests/module-mismatch
rm -rf "$out"
mkdir -p "$out/src"
name=binfmt-misc-status
"$LKHP_TOP/build-tool/lkhp-build" -o "$out" -n "$name" "$LKHP_TOP/test-patches/$name.patch" \
	>"$out/build.log" 2>&1 || { cat "$out/build.log"; die "lkhp-build failed"; }

# The other build: one more test in bm_status_read changes its size.
sed 's|^\tchar \*s = enabled ? "enabled\\n" : "disabled\\n";$|&\n\tif (*ppos > 4096)\n\t\treturn 0;|' \
	"$LKHP_KSRC/fs/binfmt_misc.c" >"$out/src/binfmt_misc.c"
grep -q 'ppos > 4096' "$out/src/binfmt_misc.c" || die "could not change bm_status_read"
printf 'obj-m := binfmt_misc.o\nccflags-y := -I%s/fs\n' "$LKHP_KSRC" >"$out/src/Kbuild"
ko=$("$LKHP_TOP/scripts/kmod-build" "$out/src" "$out/kmod")

"$LKHP_TOP/scripts/qemu-run" --module binfmt_misc --file "$ko" --file "$out/lkhp-$name.ko" \
	--file "$LKHP_TOP/test-patches/$name.test" -- "
	insmod lkhp-$name.ko
	if insmod binfmt_misc.ko; then echo 'the other binfmt_misc.ko loaded'; exit 1; fi
	dmesg | grep -E 'lkhp: $name: refused: symbol bm_status_read of module binfmt_misc has size 0x[0-9a-f]+, the patch was built for 0x'
	dmesg | grep 'lkhp: binfmt_misc: load refused: a patch for it does not apply'
	if grep -q '^binfmt_misc ' /proc/modules; then echo 'binfmt_misc stayed loaded'; exit 1; fi
	lkhp list | grep 'binfmt_misc: waiting, not loaded, 1 function'
	modprobe binfmt_misc
	sh $name.test
	lkhp remove -i $name
	rc=0
	sh $name.test || rc=\$?
	[ \$rc -eq 1 ]
"
