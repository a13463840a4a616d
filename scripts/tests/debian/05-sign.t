#!/bin/bash
# lkhp-build --sign KEY CERT for Debian's kernel: the module carries a
# signature by that certificate (modinfo names the signer, the file ends with
# the kernel's signature marker), and it still live-patches Debian's kernel.
# The certificate is not in the kernel's keyring, so the kernel says it
# cannot verify it and taints itself: enforcing signatures needs the
# certificate enrolled (mokutil, docs/lkhp-build.1).
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
out=$LKHP_TOP/build/tests/debian-sign
rm -rf "$out"
mkdir -p "$out"
openssl req -new -x509 -newkey rsa:2048 -nodes -days 2 -subj "/CN=LKHP test signing key/" \
	-keyout "$out/key.pem" -out "$out/cert.pem" 2>"$out/openssl.log" ||
	{ cat "$out/openssl.log"; die "openssl could not make a key"; }
"$LKHP_TOP/build-tool/lkhp-build" --target "$target" --sign "$out/key.pem" "$out/cert.pem" \
	-o "$out" "$LKHP_TOP/test-patches/cmdline-string.patch"
ko=$out/lkhp-cmdline-string.ko
[ "$(tail -c 28 "$ko" | tr -d '\0')" = '~Module signature appended~' ] || die "$ko: no signature appended"
[ "$(modinfo -F signer "$ko")" = 'LKHP test signing key' ] ||
	die "$ko: modinfo names signer '$(modinfo -F signer "$ko")'"
[ "$(modinfo -F sig_hashalgo "$ko")" = sha256 ] || die "$ko: not signed with sha256"
"$LKHP_TOP/scripts/qemu-run" --target "$target" --file "$ko" -- "
	c=\$(cat /proc/cmdline)
	lkhp install -f lkhp-cmdline-string.ko
	case \$(cat /proc/cmdline) in lkhp_cmdline_string*) ;; *) exit 1 ;; esac
	lkhp remove -i cmdline-string
	[ \"\$(cat /proc/cmdline)\" = \"\$c\" ]
"
