#!/bin/bash
# The boot service (lkhp.service: 'lkhp boot'): patches installed for the
# running release, a package's in /usr/lib/lkhp/patches/RELEASE and the
# admin's in /var/lib/lkhp/patches/RELEASE, are loaded before the test
# commands run, lkhp.ko through modprobe, in file-name order. A broken patch
# in the middle (another kernel build's, refused by lkhp.ko) is reported
# with the kernel's reason and does not stop the next one; a /var/lib file
# shadows the /usr/lib one of its name; a second 'lkhp boot' skips the
# loaded patches; a package's patch is not unpersisted. 'lkhp status' says
# whether every patch of the running kernel is live (the broken one is not;
# once it is unpersisted, all are), with --json the same as JSON, and a
# disabled patch makes 'lkhp boot' and 'lkhp status' fail although its
# module is loaded. LKHP_TEST_TARGET (default test) picks the kernel, e.g.
# debian:RELEASE.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
. "$LKHP_TOP/scripts/tests/test-lib.sh"
target=${LKHP_TEST_TARGET:-test}
lkhp_load_target "$target"
out=$LKHP_TOP/build/tests/boot-service/${target//:/-}
rm -rf "$out"
mkdir -p "$out"

# build NAME PATCH: lkhp-NAME.ko into $out.
build() {
	"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n "$1" \
		"$LKHP_TOP/test-patches/$2.patch" >"$out/$1.log" 2>&1 ||
		{ cat "$out/$1.log"; die "lkhp-build of $1 failed"; }
}
build cmdline-string cmdline-string
build version-string version-string
build broken cmdline-string

# Broken: another build's (lkhp.ko refuses it).
other=$(make_other_build "$out/lkhp-broken.ko")

usr=/usr/lib/lkhp/patches/$LKHP_KVER
var=/var/lib/lkhp/patches/$LKHP_KVER
"$LKHP_TOP/scripts/qemu-run" --target "$target" --boot-service \
	--file-at "$out/lkhp-cmdline-string.ko:$usr/lkhp-1-cmdline-string.ko" \
	--file-at "$out/lkhp-broken.ko:$var/lkhp-2-broken.ko" \
	--file-at "$out/lkhp-version-string.ko:$var/lkhp-3-version-string.ko" \
	--file-at "$out/lkhp-broken.ko:$usr/lkhp-3-version-string.ko" -- "
	cat boot-service.log
	[ \"\$(cat boot-service.rc)\" = 1 ]
	grep -q '^lkhp ' /proc/modules
	grep -q '^lkhp_cmdline_string console=' /proc/cmdline
	grep -qx 'lkhp: live patched' /proc/version
	if grep -q '^lkhp_broken ' /proc/modules; then echo 'lkhp_broken loaded'; exit 1; fi

	# line LOG N ERE: line N of LOG matches ERE.
	line() {
		sed -n \"\$2p\" \"\$1\" | grep -Eq \"\$3\" || { echo \"\$1 line \$2 is not /\$3/\"; exit 1; }
	}
	line boot-service.log 1 '^lkhp: cmdline-string: loaded, enabled\$'
	line boot-service.log 2 '^lkhp: $var/lkhp-2-broken.ko: failed: Exec format error; kernel: broken: refused: built for kernel .$LKHP_KVER. .${other:0:2}'
	line boot-service.log 3 '^lkhp: version-string: loaded, enabled\$'
	[ \"\$(wc -l <boot-service.log)\" = 3 ]

	lkhp list | tee list.txt
	grep -Eq '^[0-9]+ +cmdline-string +enabled ' list.txt
	grep -Eq '^[0-9]+ +version-string +enabled ' list.txt
	line list.txt 6 '^persistent for $LKHP_KVER:\$'
	line list.txt 7 '^  lkhp-1-cmdline-string.ko +cmdline-string +/usr/lib/lkhp/patches +loaded, enabled\$'
	line list.txt 8 '^  lkhp-2-broken.ko +broken +/var/lib/lkhp/patches +not loaded\$'
	line list.txt 9 '^  lkhp-3-version-string.ko +version-string +/var/lib/lkhp/patches +loaded, enabled\$'
	[ \"\$(wc -l <list.txt)\" = 9 ]

	rc=0
	lkhp boot >again.log || rc=\$?
	cat again.log
	[ \$rc = 1 ]
	line again.log 1 '^lkhp: cmdline-string: already loaded, skipped\$'
	line again.log 2 '^lkhp: $var/lkhp-2-broken.ko: failed: '
	line again.log 3 '^lkhp: version-string: already loaded, skipped\$'

	rc=0
	lkhp status >status.txt || rc=\$?
	cat status.txt
	[ \$rc = 1 ]
	line status.txt 2 '^cmdline-string +enabled +yes +[0-9]+ +$usr/lkhp-1-cmdline-string.ko\$'
	line status.txt 3 '^version-string +enabled +yes +[0-9]+ +$var/lkhp-3-version-string.ko\$'
	line status.txt 4 '^broken +not loaded +NO +- +$var/lkhp-2-broken.ko\$'
	line status.txt 5 '^$LKHP_KVER: 3 patches, NOT all live\$'
	echo \"STATUS-JSON \$(lkhp status --json)\"
	lkhp unpersist -i broken
	lkhp status
	echo \"STATUS-JSON \$(lkhp status --json)\"
	lkhp disable -i version-string
	rc=0
	lkhp boot >third.log || rc=\$?
	cat third.log
	[ \$rc = 1 ]
	line third.log 2 '^lkhp: version-string: loaded already, but disabled: not live\$'
	rc=0
	lkhp status >status.txt || rc=\$?
	cat status.txt
	[ \$rc = 1 ]
	line status.txt 3 '^version-string +disabled +NO +[0-9]+ '
	lkhp enable -i version-string
	lkhp status
	lkhp list --json | sed 's/^/LIST-JSON /'

	if lkhp unpersist -i cmdline-string 2>err.txt; then echo 'unpersisted a package patch'; exit 1; fi
	cat err.txt
	grep -q 'lkhp-1-cmdline-string.ko: not in $var but installed by a package: remove the package instead' err.txt
	[ -f $usr/lkhp-1-cmdline-string.ko ]
" | tee "$out/guest.log"
# The JSON the guest printed: with the broken patch (not live), without it
# (live), and lkhp list's.
python3 - "$out/guest.log" <<'PY' || die "lkhp status --json or list --json is not what lkhp status said"
import json, sys
lines = open(sys.argv[1], errors="replace").read().splitlines()
status = [json.loads(l.split(" ", 1)[1]) for l in lines if l.startswith("STATUS-JSON ")]
assert len(status) == 2, status
before, after = status
assert not before["live"] and [(p["name"], p["state"], p["live"]) for p in before["patches"]] == \
    [("cmdline-string", "enabled", True), ("version-string", "enabled", True),
     ("broken", "not loaded", False)], before
assert after["live"] and len(after["patches"]) == 2 and all(p["live"] for p in after["patches"]), after
listed = json.loads("".join(l.split(" ", 1)[1] for l in lines if l.startswith("LIST-JSON ")))
assert [(p["name"], p["state"]) for p in listed["patches"]] == \
    [("cmdline-string", "enabled"), ("version-string", "enabled")], listed
assert all(o["name"] == "vmlinux" and o["loaded"] for p in listed["patches"] for o in p["objects"]), listed
print("status and list JSON: as lkhp said")
PY
