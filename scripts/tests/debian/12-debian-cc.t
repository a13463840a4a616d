#!/bin/bash
# A Debian target's objects are compiled by Debian's own i386 cc1
# (scripts/lkhp-target cc): fetched with apt-get download into a fresh cache
# (cpp-12:i386 and its libraries, never installed), refused with a clear
# error when apt has no i386 packages, running Debian's cc1 for the kernel's
# code and this machine's for kconfig's probes, and used by lkhp-build: the real fix
# of ima_crypto.c (test-patches/real/ima-boot-aggregate.patch), whose
# original this machine's x86_64 gcc -m32 compiles differently from
# Debian's kernel, builds for 6.1.0-47-686-pae and installs, disables,
# enables and goes with remove in one boot.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
lkhp_load_target "$target"
out=$LKHP_TOP/build/tests/debian-cc
rm -rf "$out"
mkdir -p "$out/bin"
# A cache of its own for the compiler, sharing the prepared release.
cache=$out/cache
mkdir -p "$cache/debian"
ln -s "$(dirname "$(dirname "$LKHP_KSRC")")" "$LKHP_CACHE/debian/releases" "$cache/debian/"
installed() { dpkg-query -W -f='${db:Status-Status}' cpp-12:i386 2>/dev/null || true; }
before=$(installed)

# apt without the i386 architecture: a dpkg that lists no foreign one.
cat >"$out/bin/dpkg" <<'EOF'
#!/bin/sh
[ "$1" = --print-foreign-architectures ] && exit 0
exec /usr/bin/dpkg "$@"
EOF
chmod 755 "$out/bin/dpkg"
rc=0
PATH=$out/bin:$PATH LKHP_CACHE=$cache "$LKHP_TOP/scripts/lkhp-target" cc "$target" \
	>"$out/noarch.log" 2>&1 || rc=$?
cat "$out/noarch.log"
[ $rc -ne 0 ] || die "fetched an i386 compiler without the i386 architecture"
grep -q "ERROR: apt knows no i386 packages here, and the compiler of $target is one (cpp-12:i386 .*dpkg --add-architecture i386" \
	"$out/noarch.log" || die "no clear error naming the missing i386 architecture"
[ -z "$(find "$cache/debian/gcc" \( -name '*.deb' -o -name ready \) 2>/dev/null)" ] ||
	die "something was fetched without the i386 architecture"

LKHP_CACHE=$cache "$LKHP_TOP/scripts/lkhp-target" cc "$target" >"$out/cc" 2>"$out/fetch.log" ||
	{ cat "$out/fetch.log"; die "lkhp-target cc $target failed"; }
cat "$out/fetch.log" "$out/cc"
gcc=$(cat "$out/cc")
[[ $gcc == "$cache/debian/gcc/"*/gcc ]] || die "lkhp-target cc printed $gcc, not a compiler in $cache/debian/gcc/"
grep -q "fetching the compiler of $target: Debian's cpp-12:i386 " "$out/fetch.log" ||
	die "no progress line for the download"
[ "$(installed)" = "$before" ] || die "cpp-12:i386 was installed (dpkg: '$before' -> '$(installed)')"
"$gcc" -m32 -nostdinc -v -S -x c -o /dev/null /dev/null 2>&1 | grep '^GNU C' | head -n 1 |
	grep -q "(i686-linux-gnu)" || die "$gcc does not run Debian's i386 cc1"
# kconfig's probes (64-bit, without -m32) must answer as for the target
echo 'void foo(void) { asm inline (""); }' | "$gcc" -x c - -c -o /dev/null ||
	die "$gcc fails kconfig's probe of asm inline (CC_HAS_ASM_INLINE would be dropped)"
LKHP_CACHE=$cache "$LKHP_TOP/scripts/lkhp-target" cc "$target" >/dev/null 2>"$out/again.log"
[ ! -s "$out/again.log" ] || die "a second lkhp-target cc fetched again: $(cat "$out/again.log")"

# lkhp-build compiles with it (the cache's compiler: the tests' trees stay).
target=debian:6.1.0-47-686-pae
make --no-print-directory -C "$LKHP_TOP/runtime-kmod" TARGET="$target" module >/dev/null
"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n ima \
	"$LKHP_TOP/test-patches/real/ima-boot-aggregate.patch" >"$out/build.log" 2>&1 ||
	{ cat "$out/build.log"; die "lkhp-build failed"; }
cat "$out/build.log"
grep -qE '^lkhp-build:   compiler: GNU C.* \(i686-linux-gnu\), cc1 [0-9a-f]+, ' "$out/build.log" ||
	die "no progress line naming Debian's i386 cc1"
"$LKHP_TOP/scripts/qemu-run" --target "$target" --file "$out/lkhp-ima.ko" -- "
	lkhp install -f lkhp-ima.ko
	lkhp list | grep -q '^ *vmlinux: enabled, 1 function' || { lkhp list; exit 1; }
	lkhp disable -i ima
	lkhp enable -i ima
	lkhp remove -i ima
	[ -z \"\$(lkhp list | tail -n +2)\" ] || { lkhp list; exit 1; }
"
