#!/bin/bash
# runtime-kmod/cli/lkhp.service passes 'systemd-analyze verify', installed
# as the lkhp package installs it (/lib/systemd/system, the CLI in
# /usr/sbin) in a scratch root; the man page is not looked up there.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
command -v systemd-analyze >/dev/null || { echo "SKIP: no systemd-analyze (package systemd)"; exit 77; }
make -s -C "$LKHP_TOP/runtime-kmod" cli >/dev/null
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
install -D -m 755 "$LKHP_TOP/runtime-kmod/cli/lkhp" "$root/usr/sbin/lkhp"
install -D -m 644 "$LKHP_TOP/runtime-kmod/cli/lkhp.service" "$root/lib/systemd/system/lkhp.service"
systemd-analyze verify --man=no --root="$root" lkhp.service
