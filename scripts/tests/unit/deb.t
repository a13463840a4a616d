#!/bin/bash
# `make deb` (docs/packaging.md): the three packages hold what they should,
# with the right architecture, version and Depends; lintian finds no error;
# dpkg installs them into a scratch root (maintainer scripts included:
# lkhp.service enabled, depmod for the kernel) and purges them again; the
# installed lkhp-build builds a patch for the Debian target, against a
# lkhp.ko with the packaged one's symbol CRCs.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
command -v dpkg-deb >/dev/null && command -v apt-cache >/dev/null ||
	{ echo "SKIP: not a Debian host (no dpkg-deb, apt-cache)"; exit 77; }
out=$LKHP_TOP/build/tests/deb
rm -rf "$out"
mkdir -p "$out"
rel=$LKHP_DEBIAN_RELEASE

make -C "$LKHP_TOP" --no-print-directory deb DEB_TARGETS="debian:$rel" >"$out/make.log" 2>&1 ||
	{ tail -n 30 "$out/make.log"; die "make deb failed"; }
lkhp_load_target "debian:$rel"
version=$(dpkg-parsechangelog -l "$LKHP_TOP/debian/changelog" -S Version)
[ "${version%-*}" = "$(lkhp_version)" ] || die "changelog $version is not LKHP $(lkhp_version)"
deb=$LKHP_TOP/build/deb
tools=$deb/lkhp-build_${version}_$(dpkg --print-architecture).deb
admin=$deb/lkhp_${version}_i386.deb
modules=$deb/lkhp-modules-${rel}_${version}_i386.deb
for p in "$tools" "$admin" "$modules"; do
	[ -f "$p" ] || die "no $p (build/deb has: $(ls "$deb"))"
done

# has DEB PATH...: each PATH is in DEB.
has() {
	local p=$1 f list
	shift
	list=$(dpkg-deb -c "$p" | awk '{ print $6 }' | sed 's|^\./||; s|/$||')
	for f in "$@"; do
		grep -qxF "$f" <<<"$list" || die "$(basename "$p") lacks $f"
	done
	echo "$(basename "$p"): $# paths present"
}
field() { dpkg-deb -f "$1" "$2"; }

has "$tools" usr/bin/lkhp-build usr/lib/lkhp/build-tool/lkhp-build usr/lib/lkhp/build-tool/lkhp-cc \
	usr/lib/lkhp/scripts/lib.sh usr/lib/lkhp/scripts/lkhp-target \
	usr/lib/lkhp/templates/lkhp-patch.c usr/lib/lkhp/diff-object/lkhp-diff \
	usr/lib/lkhp/diff-object/mkpatch/lkhp-mkpatch usr/lib/lkhp/runtime-kmod/Kbuild \
	usr/lib/lkhp/runtime-kmod/Makefile usr/lib/lkhp/runtime-kmod/core.c \
	usr/lib/lkhp/runtime-kmod/include/lkhp-macros.h usr/lib/lkhp/runtime-kmod/include/lkhp/shadow.h \
	usr/lib/lkhp/runtime-kmod/include/uapi/lkhp.h usr/share/man/man1/lkhp-build.1.gz \
	usr/share/doc/lkhp-build/copyright usr/share/doc/lkhp-build/changelog.Debian.gz
has "$admin" usr/sbin/lkhp usr/share/man/man8/lkhp.8.gz lib/systemd/system/lkhp.service \
	usr/lib/lkhp/patches var/lib/lkhp/patches usr/share/lintian/overrides/lkhp \
	usr/share/doc/lkhp/copyright
has "$modules" "lib/modules/$rel/updates/lkhp.ko" "usr/share/doc/lkhp-modules-$rel/copyright"
! dpkg-deb -c "$tools" | grep -E 'Module\.symvers|\.mod\.c|lkhp\.8' ||
	die "lkhp-build holds a build product or lkhp(8)"
dpkg-deb -c "$admin" | awk '$2 != "root/root" { exit 1 }' || die "a file not owned by root"

# Control fields: versions from one place, honest architectures, Depends.
for p in "$tools" "$admin" "$modules"; do
	[ "$(field "$p" Version)" = "$version" ] || die "$(basename "$p"): Version $(field "$p" Version)"
done
[ "$(field "$tools" Architecture)" = "$(dpkg --print-architecture)" ]
[ "$(field "$admin" Architecture)" = i386 ]
[ "$(field "$modules" Architecture)" = i386 ]
dep=$(field "$tools" Depends)
echo "lkhp-build Depends: $dep"
for d in 'libc6 (>= ' 'libelf1 (>= ' 'libdw1 (>= ' apt gcc make git bison flex libssl-dev; do
	grep -qF "$d" <<<"$dep" || die "lkhp-build does not depend on $d"
done
want="linux-image-$rel (= $LKHP_PKG_VERSION) | linux-image-$rel-unsigned (= $LKHP_PKG_VERSION)"
[ "$(field "$modules" Depends)" = "$want" ] || die "lkhp-modules Depends: $(field "$modules" Depends), not $want"
zcat <(dpkg-deb --fsys-tarfile "$admin" | tar -xO ./usr/share/man/man8/lkhp.8.gz) |
	head -n 1 | grep -qF "\"LKHP $(lkhp_version)\"" || die "lkhp(8) does not say LKHP $(lkhp_version)"

# lintian: no error (each override is explained in debian/*.lintian-overrides).
command -v lintian >/dev/null || die "lintian missing (scripts/lkhp-deps installs it)"
lintian --tag-display-limit 0 "$tools" "$admin" "$modules" >"$out/lintian.log" 2>&1 ||
	{ cat "$out/lintian.log"; die "lintian failed"; }
cat "$out/lintian.log"
! grep -q '^E:' "$out/lintian.log" || die "lintian errors"

# Into a scratch root: the maintainer scripts run outside it with DPKG_ROOT
# (--force-script-chrootless); the kernel is there (its module directory)
# so that lkhp-modules' postinst runs depmod; the dependencies are not.
root=$out/root
mkdir -p "$root/var/lib/dpkg/info" "$root/var/lib/dpkg/updates" "$root/lib/modules/$rel/kernel"
: >"$root/var/lib/dpkg/status"
dpkg=(dpkg --root="$root" --force-script-chrootless --force-not-root)
"${dpkg[@]}" --add-architecture i386
"${dpkg[@]}" --force-depends -i "$tools" "$admin" "$modules" >"$out/dpkg-install.log" 2>&1 ||
	{ cat "$out/dpkg-install.log"; die "dpkg -i into $root failed"; }
[ "$(readlink "$root/etc/systemd/system/sysinit.target.wants/lkhp.service")" = /lib/systemd/system/lkhp.service ] ||
	die "lkhp.service not enabled"
grep -q "^updates/lkhp.ko:" "$root/lib/modules/$rel/modules.dep" || die "no lkhp.ko in modules.dep"

# The installed lkhp-build: it builds lkhp.ko itself (into the cache) and a patch.
"$root/usr/bin/lkhp-build" --help | grep -q '^usage: lkhp-build'
DEBFULLNAME='LKHP tests' DEBEMAIL=tests@lkhp.example "$root/usr/bin/lkhp-build" \
	--target "debian:$rel" -o "$out/patch" --deb --deb-version 1.0-1 \
	"$LKHP_TOP/test-patches/cmdline-string.patch" 2>&1 | tee "$out/lkhp-build.log"
ko=$out/patch/lkhp-cmdline-string-1_0-1.ko fix=$out/patch/lkhp-cmdline-string_1.0-1_i386.deb
[ -f "$ko" ] && [ -f "$fix" ] || die "the installed lkhp-build wrote no module or package"
[ "$(modinfo -F vermagic "$ko" | cut -d' ' -f1)" = "$rel" ]
# the patch package: the module in the store lkhp.service loads, its source
has "$fix" "usr/lib/lkhp/patches/$rel/lkhp-cmdline-string-1_0-1.ko" \
	usr/share/doc/lkhp-cmdline-string/cmdline-string.patch.gz \
	usr/share/doc/lkhp-cmdline-string/copyright
cmp "$ko" <(dpkg-deb --fsys-tarfile "$fix" | tar -xO "./usr/lib/lkhp/patches/$rel/lkhp-cmdline-string-1_0-1.ko") ||
	die "the packaged patch module is not the one lkhp-build wrote"
want="lkhp (>= $(lkhp_version)), lkhp-modules-$rel (>= $(lkhp_version)), linux-image-$rel (= $LKHP_PKG_VERSION) | linux-image-$rel-unsigned (= $LKHP_PKG_VERSION)"
[ "$(field "$fix" Depends)" = "$want" ] || die "lkhp-cmdline-string Depends: $(field "$fix" Depends), not $want"
lintian --tag-display-limit 0 "$fix" >"$out/lintian-fix.log" 2>&1 || { cat "$out/lintian-fix.log"; die "lintian failed"; }
cat "$out/lintian-fix.log"
! grep -q '^E:' "$out/lintian-fix.log" || die "lintian errors in the patch package"
"${dpkg[@]}" --force-depends -i "$fix" >"$out/dpkg-fix.log" 2>&1 || { cat "$out/dpkg-fix.log"; die "dpkg -i $fix failed"; }
[ -f "$root/usr/lib/lkhp/patches/$rel/lkhp-cmdline-string-1_0-1.ko" ] || die "the patch is not in the store"
installed=$("$root/usr/lib/lkhp/scripts/lkhp-target" env "debian:$rel" | sed -n 's/^LKHP_RUNTIME_DIR=//p')
[[ $installed == "$LKHP_CACHE/runtime/"* ]] || die "the installed tree builds lkhp.ko in $installed"
cmp <(cut -f1,2 "$LKHP_RUNTIME_DIR/Module.symvers") <(cut -f1,2 "$installed/Module.symvers") ||
	die "the installed tree's lkhp.ko exports other CRCs than the packaged one"

"${dpkg[@]}" -P lkhp-cmdline-string lkhp lkhp-build "lkhp-modules-$rel" >"$out/dpkg-purge.log" 2>&1 ||
	{ cat "$out/dpkg-purge.log"; die "dpkg -P failed"; }
[ ! -e "$root/etc/systemd/system/sysinit.target.wants/lkhp.service" ] || die "lkhp.service still enabled"
[ ! -e "$root/usr/lib/lkhp" ] && [ ! -e "$root/var/lib/lkhp" ] || die "files left after the purge"
! grep -q lkhp "$root/lib/modules/$rel/modules.dep" || die "lkhp.ko still in modules.dep"
echo "installed, used and purged in $root"

# make deb DEB_SIGN="KEY CERT": lkhp.ko signed after stripping, as shipped
openssl req -new -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=LKHP deb signing key/" \
	-keyout "$out/key.pem" -out "$out/cert.pem" 2>"$out/openssl.log" ||
	{ cat "$out/openssl.log"; die "openssl could not make a key"; }
"$LKHP_TOP/scripts/mkdeb" -o "$out/signed" --sign "$out/key.pem" "$out/cert.pem" "debian:$rel" \
	>"$out/mkdeb-signed.log" 2>&1 || { cat "$out/mkdeb-signed.log"; die "mkdeb --sign failed"; }
dpkg-deb -x "$out/signed/lkhp-modules-${rel}_${version}_i386.deb" "$out/signed/root"
signed=$out/signed/root/lib/modules/$rel/updates/lkhp.ko
[ "$(modinfo -F signer "$signed")" = 'LKHP deb signing key' ] || die "packaged lkhp.ko: signer '$(modinfo -F signer "$signed")'"
[ "$(tail -c 28 "$signed" | tr -d '\0')" = '~Module signature appended~' ] || die "packaged lkhp.ko: no signature"
echo "make deb DEB_SIGN: lkhp.ko signed by $(modinfo -F signer "$signed")"
