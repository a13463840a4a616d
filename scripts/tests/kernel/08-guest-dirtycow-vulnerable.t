#!/bin/bash
# The demo premise: on the unpatched test kernel, uid 1000 can overwrite a
# root-owned read-only file through /proc/self/mem (the Dirty COW bug class).
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
exe=$LKHP_TOP/build/tests/dirtycow-exploit
mkdir -p "$(dirname "$exe")"
gcc -m32 -static -O2 -Wall -D_FILE_OFFSET_BITS=64 -o "$exe" \
	"$LKHP_TOP/scripts/demo/dirtycow-exploit.c"
"$LKHP_TOP/scripts/qemu-run" --no-lkhp --file "$exe" -- "
	echo 'setting=safe' >/etc/victim
	chmod 0644 /etc/victim
	if su -s /bin/sh user -c 'echo x >>/etc/victim' 2>/dev/null; then
		echo 'uid 1000 can write /etc/victim without the exploit'; exit 1
	fi
	su -s /bin/sh user -c '/lkhp/dirtycow-exploit /etc/victim setting=PWND'
	grep -qx 'setting=PWND' /etc/victim
"
