#!/bin/bash
# lkhp persist, list, unpersist and boot on the host, in a scratch LKHP_ROOT,
# with modules made here: an empty i386 object plus a .modinfo section with
# the tags lkhp-build writes (templates/lkhp-patch.c), so no kernel is
# needed. persist copies a patch into /var/lib/lkhp/patches/RELEASE of the
# release it was built for and refuses what is not a patch module; list shows
# the running release's union, the admin's file shadowing the package's;
# unpersist removes the admin's file by patch, module or file name, or by
# the module file, and refuses a package's. The running release is the
# host's: the CLI reads it with uname().
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
make -s -C "$LKHP_TOP/runtime-kmod" cli >/dev/null
lkhp=$LKHP_TOP/runtime-kmod/cli/lkhp
"$lkhp" --version >/dev/null 2>&1 || { echo "SKIP: the i386 lkhp CLI does not run on this host"; exit 77; }
# Without /dev/lkhp no patch is loaded: list's states are known.
[ ! -e /dev/lkhp ] || { echo "SKIP: lkhp.ko is loaded on this host"; exit 77; }

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
export LKHP_ROOT=$scratch/root
rel=$(uname -r)
other=6.1.0-999-686-pae
var=$LKHP_ROOT/var/lib/lkhp/patches
usr=$LKHP_ROOT/usr/lib/lkhp/patches

: >"$scratch/empty.c"
gcc -m32 -c -o "$scratch/empty32.o" "$scratch/empty.c"
gcc -m64 -c -o "$scratch/empty64.o" "$scratch/empty.c"
# mkmod OUT OBJECT TAG=VALUE...: OBJECT with those strings as its .modinfo.
mkmod() {
	local out=$1 obj=$2
	shift 2
	printf '%s\0' "$@" >"$scratch/modinfo"
	objcopy --add-section .modinfo="$scratch/modinfo" "$scratch/$obj" "$out"
}
mkdir -p "$scratch/in"
cd "$scratch/in"
mkmod lkhp-fix.ko empty32.o lkhp_patch=fix "lkhp_kernel=$rel #1 SMP" name=lkhp_fix
mkmod lkhp-next.ko empty32.o lkhp_patch=next "lkhp_kernel=$other #1 SMP" name=lkhp_next
mkmod hello.ko empty32.o name=hello "vermagic=$rel SMP mod_unload 686"
mkmod lkhp-escape.ko empty32.o lkhp_patch=escape 'lkhp_kernel=.. #1' name=lkhp_escape
mkmod lkhp-amd64.ko empty64.o lkhp_patch=amd64 "lkhp_kernel=$rel #1" name=lkhp_amd64
mkmod lkhp-fix.o empty32.o lkhp_patch=fix "lkhp_kernel=$rel #1 SMP" name=lkhp_fix
echo 'not a module' >notes.txt

# fails WANT_ERE CMD...: CMD exits 1 and its stderr says WANT_ERE.
fails() {
	local want=$1 rc=0
	shift
	"$@" >"$scratch/out" 2>"$scratch/err" || rc=$?
	echo "$* -> $rc: $(cat "$scratch/out" "$scratch/err")"
	[ $rc = 1 ] || die "'$*' exited $rc, not 1"
	grep -qE "$want" "$scratch/err" || die "'$*' did not say /$want/"
}
# list_is LINE...: the stdout of 'lkhp list' is these lines (EREs) and
# it says that lkhp.ko is not loaded.
list_is() {
	local rc=0
	"$lkhp" list >"$scratch/list" 2>"$scratch/err" || rc=$?
	cat "$scratch/list" "$scratch/err"
	[ $rc = 1 ] || die "list without /dev/lkhp exited $rc, not 1"
	grep -q 'lkhp: /dev/lkhp: No such file or directory (is lkhp.ko loaded?)' "$scratch/err"
	[ "$(wc -l <"$scratch/list")" = $# ] || die "list: not $# lines"
	local n=1
	for re in "$@"; do
		sed -n "${n}p" "$scratch/list" | grep -Eq "$re" || die "list line $n is not /$re/"
		n=$((n + 1))
	done
}

# Nothing persistent: list adds nothing, boot says so and succeeds, and
# status: every patch (none) is live.
list_is
"$lkhp" boot | tee "$scratch/boot"
grep -qx "lkhp: no persistent patches for $rel" "$scratch/boot"
[ "$("$lkhp" status)" = "$rel: no patches" ] || die "status of no patch"
# json_check FILE PYTHON: FILE is JSON, and PYTHON's assertions on it (d) hold.
json_check() {
	python3 -c 'import json, sys
d = json.load(open(sys.argv[1]))
'"$2" "$1" || die "$1: $(cat "$1")"
}
"$lkhp" status --json >"$scratch/json"
json_check "$scratch/json" 'assert d["live"] is True and d["patches"] == [], d'

out=$("$lkhp" persist -f lkhp-fix.ko)
[ "$out" = "$var/$rel/lkhp-fix.ko" ] || die "persist printed '$out'"
cmp lkhp-fix.ko "$var/$rel/lkhp-fix.ko"
[ "$(stat -c %a "$var/$rel/lkhp-fix.ko")" = 644 ]
"$lkhp" persist -f lkhp-next.ko 2>"$scratch/err"
grep -q "note: lkhp-next.ko is for kernel $other, not the running $rel" "$scratch/err"
cmp lkhp-next.ko "$var/$other/lkhp-next.ko"

fails 'hello.ko: not an LKHP patch module' "$lkhp" persist -f hello.ko
fails 'notes.txt: not a kernel module' "$lkhp" persist -f notes.txt
fails 'lkhp-amd64.ko: not a kernel module' "$lkhp" persist -f lkhp-amd64.ko
fails "lkhp-escape.ko: malformed lkhp_kernel release '\.\.'" "$lkhp" persist -f lkhp-escape.ko
fails 'lkhp-fix.o: a boot loads only files named \*\.ko' "$lkhp" persist -f lkhp-fix.o
fails 'missing\.ko: No such file or directory' "$lkhp" persist -f missing.ko
fails 'persist: missing -f FILE.ko' "$lkhp" persist
[ -z "$(find "$var" -name '.*' -o -name '*.o' -o -name 'hello*')" ] || die "a refused file was stored"

# A package's patches; its lkhp-fix.ko is shadowed by the admin's. Dot
# files and other names in a store are not patches.
mkdir -p "$usr/$rel"
mkmod "$usr/$rel/lkhp-pkg.ko" empty32.o lkhp_patch=pkg "lkhp_kernel=$rel #1" name=lkhp_pkg
mkmod "$usr/$rel/lkhp-fix.ko" empty32.o lkhp_patch=fix-pkg "lkhp_kernel=$rel #1" name=lkhp_fix_pkg
cp lkhp-fix.ko "$usr/$rel/.lkhp-persist.x1y2z3"
cp lkhp-fix.ko "$usr/$rel/README"
cp hello.ko "$var/$rel/lkhp-0-hello.ko"
list_is "^persistent for $rel:\$" \
	'^  lkhp-0-hello\.ko +- +/var/lib/lkhp/patches +not an LKHP patch module' \
	'^  lkhp-fix\.ko +fix +/var/lib/lkhp/patches +not loaded$' \
	'^  lkhp-pkg\.ko +pkg +/usr/lib/lkhp/patches +not loaded$'

# status: none of them is loaded, so none is live (exit 1); the file that
# is no patch module says why. --json: the same facts.
rc=0
"$lkhp" status >"$scratch/status" 2>"$scratch/err" || rc=$?
cat "$scratch/status" "$scratch/err"
[ $rc = 1 ] || die "status with stored patches and no lkhp.ko exited $rc, not 1"
for re in "^lkhp-0-hello\.ko +unreadable +NO +- +$var/$rel/lkhp-0-hello\.ko: not an LKHP patch module" \
	"^fix +not loaded +NO +- +$var/$rel/lkhp-fix\.ko\$" "^pkg +not loaded +NO +- +$usr/$rel/lkhp-pkg\.ko\$" \
	"^$rel: 3 patches, NOT all live\$"; do
	grep -Eq "$re" "$scratch/status" || die "status: no line /$re/"
done
rc=0
"$lkhp" status --json >"$scratch/json" || rc=$?
[ $rc = 1 ] || die "status --json exited $rc, not 1"
json_check "$scratch/json" 'assert not d["live"] and [(p["name"], p["state"], p["live"], p["id"]) for p in d["patches"]] == [("lkhp-0-hello.ko", "unreadable", False, None), ("fix", "not loaded", False, None), ("pkg", "not loaded", False, None)], d'
"$lkhp" list --json >"$scratch/json" 2>/dev/null || true
json_check "$scratch/json" 'assert d["patches"] == [] and [(p["name"], p["store"], p["state"]) for p in d["persistent"]] == [(None, "admin", "unreadable"), ("fix", "admin", "not loaded"), ("pkg", "package", "not loaded")], d'

fails "lkhp-pkg\.ko: not in $var/$rel but installed by a package: remove the package instead" \
	"$lkhp" unpersist -i pkg
[ -f "$usr/$rel/lkhp-pkg.ko" ]
fails "no persistent patch 'nosuch' for $rel" "$lkhp" unpersist -i nosuch
fails 'unpersist: give either -f FILE.ko or -i NAME' "$lkhp" unpersist

# By patch name; the package's file of that name then shows through.
"$lkhp" unpersist -i fix >"$scratch/out" 2>"$scratch/err"
grep -qx "removed $var/$rel/lkhp-fix.ko" "$scratch/out"
grep -q "note: $usr/$rel/lkhp-fix.ko, a package's, still loads at boot" "$scratch/err"
"$lkhp" unpersist -i lkhp-0-hello.ko | grep -qx "removed $var/$rel/lkhp-0-hello.ko"
list_is "^persistent for $rel:\$" \
	'^  lkhp-fix\.ko +fix-pkg +/usr/lib/lkhp/patches +not loaded$' \
	'^  lkhp-pkg\.ko +pkg +/usr/lib/lkhp/patches +not loaded$'

# By module name, '-' for '_' as everywhere; by the module file, for the
# release it was built for.
"$lkhp" persist -f lkhp-fix.ko >/dev/null
"$lkhp" unpersist -i lkhp-fix | grep -qx "removed $var/$rel/lkhp-fix.ko"
"$lkhp" unpersist -f lkhp-next.ko | grep -qx "removed $var/$other/lkhp-next.ko"
fails "lkhp-next\.ko: not in $var/$other\$" "$lkhp" unpersist -f lkhp-next.ko
