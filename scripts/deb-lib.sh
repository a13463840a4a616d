# shellcheck shell=bash
# Helpers to make Debian binary packages from a staged tree, with dpkg-deb
# alone (no debhelper): what scripts/mkdeb and `lkhp-build --deb` share.
# Sourced after lib.sh (status, die). A package is staged in a directory ROOT
# holding its files where dpkg puts them; deb_build turns it into PKG_VER_ARCH.deb.
#
#   deb_docs ROOT PKG CHANGELOG    copyright and changelog.Debian.gz (.gz if native)
#   deb_man ROOT                   gzip -9n the man pages
#   deb_strip FILE...              strip ELF programs and kernel modules
#   deb_shlibs FILE...             the Depends their shared libraries need
#   deb_scripts ROOT PKG DIR STEM  maintainer scripts and lintian overrides
#   deb_control ROOT <FIELDS       DEBIAN/control (+Installed-Size), md5sums
#   deb_build ROOT OUTDIR          modes, then dpkg-deb; prints the .deb path
#   deb_kernel_depends REL PKGVER  the Depends on Debian's kernel REL, PKGVER

# usr/share/doc/PKG/: the machine-readable copyright (everything LKHP ships
# is GPL-2.0, as its SPDX headers say) and CHANGELOG as changelog.Debian.gz
# (changelog.gz for a native version).
deb_docs() {
	local changelog=$3 doc=$1/usr/share/doc/$2
	[ -r "$changelog" ] || die "$changelog: changelog not found"
	mkdir -p "$doc"
	cat >"$doc/copyright" <<'EOF'
Format: https://www.debian.org/doc/packaging-manuals/copyright-format/1.0/
Upstream-Name: LKHP
Comment: Linux Kernel Hot-Patcher for i386

Files: *
Copyright: 2026 the LKHP authors
License: GPL-2.0-only

License: GPL-2.0-only
 This program is free software; you can redistribute it and/or modify it
 under the terms of the GNU General Public License version 2 as published by
 the Free Software Foundation.
 .
 This program is distributed in the hope that it will be useful, but WITHOUT
 ANY WARRANTY; without even the implied warranty of MERCHANTABILITY or
 FITNESS FOR A PARTICULAR PURPOSE. See the GNU General Public License for
 more details.
 .
 On Debian systems, the complete text of the GNU General Public License
 version 2 can be found in '/usr/share/common-licenses/GPL-2'.
EOF
	# a native version (no Debian revision) names it changelog.gz
	case $(dpkg-parsechangelog -l "$changelog" -S Version) in
	*-*) gzip -9n <"$changelog" >"$doc/changelog.Debian.gz" ;;
	*) gzip -9n <"$changelog" >"$doc/changelog.gz" ;;
	esac
}

# Debian policy 12.1: man pages compressed with gzip -9n (no name, no time).
deb_man() {
	local f
	[ -d "$1/usr/share/man" ] || return 0
	while IFS= read -r -d '' f; do
		gzip -9n "$f"
	done < <(find "$1/usr/share/man" -type f ! -name '*.gz' -print0)
}

# Programs lose their symbols and notes (--strip-unneeded), kernel modules
# only their debug sections: the module loader needs the symbol table.
deb_strip() {
	local f
	for f in "$@"; do
		case $f in
		*.ko) strip --strip-debug --remove-section=.comment "$f" ;;
		*) strip --strip-unneeded --remove-section=.comment --remove-section=.note "$f" ;;
		esac || die "strip $f failed"
	done
}

# The Depends line the shared libraries of FILE... need, from the shlibs
# and symbols files of the installed libraries (dpkg-shlibdeps wants a
# debian/control to exist, any will do).
deb_shlibs() {
	local tmp out
	tmp=$(mktemp -d)
	mkdir "$tmp/debian"
	printf 'Source: lkhp\n\nPackage: lkhp\nArchitecture: any\n' >"$tmp/debian/control"
	out=$(cd "$tmp" && dpkg-shlibdeps -O "$@" 2>&1) || {
		rm -rf "$tmp"
		die "dpkg-shlibdeps $*: $out"
	}
	rm -rf "$tmp"
	sed -n 's/^shlibs:Depends=//p' <<<"$out"
}

# DIR/STEM.{preinst,postinst,prerm,postrm} into ROOT/DEBIAN/ and
# DIR/STEM.lintian-overrides as PKG's overrides, those that exist.
deb_scripts() {
	local root=$1 pkg=$2 dir=$3 stem=$4 s
	mkdir -p "$root/DEBIAN"
	for s in preinst postinst prerm postrm; do
		[ ! -f "$dir/$stem.$s" ] || install -m 755 "$dir/$stem.$s" "$root/DEBIAN/$s"
	done
	if [ -f "$dir/$stem.lintian-overrides" ]; then
		install -D -m 644 "$dir/$stem.lintian-overrides" \
			"$root/usr/share/lintian/overrides/$pkg"
	fi
}

# DEBIAN/control from the fields on stdin (Package, Version, Architecture,
# Maintainer, Depends, Description, ...) plus Installed-Size; DEBIAN/md5sums.
deb_control() {
	local root=$1 size
	mkdir -p "$root/DEBIAN"
	size=$(du -sk --exclude=DEBIAN "$root" | cut -f1)
	{
		cat
		echo "Installed-Size: $size"
	} >"$root/DEBIAN/control"
	(cd "$root" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' |
		LC_ALL=C sort -z | xargs -0 -r md5sum) >"$root/DEBIAN/md5sums"
}

# Directories 755 and files without group or other write (a mktemp -d root
# is 700), then dpkg-deb with every file owned by root; prints the .deb.
deb_build() {
	local root=$1 outdir=$2 pkg ver arch deb
	pkg=$(sed -n 's/^Package: //p' "$root/DEBIAN/control")
	ver=$(sed -n 's/^Version: //p' "$root/DEBIAN/control")
	arch=$(sed -n 's/^Architecture: //p' "$root/DEBIAN/control")
	deb=$outdir/${pkg}_${ver}_$arch.deb
	find "$root" -type d -exec chmod 755 {} +
	find "$root" -type f -exec chmod go-w {} +
	mkdir -p "$outdir"
	dpkg-deb --root-owner-group -Zxz --build "$root" "$deb" >/dev/null ||
		die "dpkg-deb --build $root failed"
	echo "$deb"
}

# Debian's kernel REL of package version PKGVER: the image comes
# signed-template built (linux-image-REL) or as built (-unsigned, which i386
# installs), the same kernel either way.
deb_kernel_depends() {
	echo "linux-image-$1 (= $2) | linux-image-$1-unsigned (= $2)"
}
