#!/bin/bash
# The mutation loop of lkhp-mkpatch: every input of its unit cases (the
# diffed objects, the fake vmlinux and fakemod.ko), corrupted many ways by the same
# mutator as lkhp-diff's (diff-object/tests/mutate.c), and Module.symvers
# lines broken; lkhp-mkpatch, built with ASan and UBSan, must exit 0-3
# (warn.h; with a message when 1 or 2): never a signal, a sanitizer report
# or a timeout.
#
# usage: mutate.sh WORKDIR [MUTATIONS_PER_INPUT]   (WORKDIR: tests/check's)
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=$(cd "${1:?usage: mutate.sh WORKDIR [N]}" && pwd)
per=${2:-${LKHP_MUTATIONS:-12}}
mdir=$work/mutations
rm -rf "$mdir" && mkdir -p "$mdir"
symvers=$here/kernel/Module.symvers

gcc -O2 -Wall -Werror -o "$mdir/mutate" "$here/../../tests/mutate.c" || exit 1
# a sanitizer build of lkhp-mkpatch, separate from the normal one
make -s -C "$here/.." SANDIR="$mdir" sanitized >/dev/null || exit 1
export ASAN_OPTIONS=exitcode=99:detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:exitcode=98

runs=0 bad=0 written=0 refused=0
# run VMLINUX SYMVERS [ARG...]: one sanitized run over the objects of
# $mdir/in (as vmlinux's), or the ARGs (--module options and inputs)
run() {
	local vmlinux=$1 sv=$2 rc
	shift 2
	rm -f "$mdir/out.o" "$mdir/out.h"
	(cd "$mdir/in" || exit 1
	 [ $# -gt 0 ] || set -- *.o
	 timeout 20 "$mdir/lkhp-mkpatch" --vmlinux "$vmlinux" --symvers "$sv" \
		--tables "$mdir/out.h" --output "$mdir/out.o" --name mutation --source-sha256 0 \
		"$@") >"$mdir/stdout" 2>"$mdir/stderr"
	rc=$?
	runs=$((runs + 1))
	case $rc in
	0) written=$((written + 1)) ;;
	3) ;;
	1|2)
		refused=$((refused + 1))
		[ -s "$mdir/stderr" ] || { echo "silent exit $rc: $what"; bad=$((bad + 1)); } ;;
	*)
		echo "exit $rc (crash, sanitizer or timeout): $what"
		head -n 20 "$mdir/stderr"
		cp -r "$mdir/in" "$mdir/crash-$runs"
		bad=$((bad + 1)) ;;
	esac
}

for case in "$work"/cases/*/in; do
	[ -d "$case" ] || continue
	for obj in "$case"/*.o; do
		for ((i = 0; i < per; i++)); do
			seed=$((runs * 7919 + i))
			rm -rf "$mdir/in" && cp -r "$case" "$mdir/in"
			"$mdir/mutate" "$seed" "$obj" "$mdir/in/$(basename "$obj")" || continue
			what="seed $seed on $obj"
			run "$work/kernel/vmlinux" "$symvers"
		done
	done
done
# The same cases against a corrupted vmlinux, and against broken symvers.
first=$(ls -d "$work"/cases/*/in | head -n 1)
for ((i = 0; i < per * 4; i++)); do
	seed=$((i * 104729 + 1))
	rm -rf "$mdir/in" && cp -r "$first" "$mdir/in"
	"$mdir/mutate" "$seed" "$work/kernel/vmlinux" "$mdir/vmlinux" || continue
	what="seed $seed on the vmlinux"
	run "$mdir/vmlinux" "$symvers"
	awk -v s="$seed" 'BEGIN { srand(s) } { if (rand() < 0.3) { n = split($0, f, "\t"); $0 = f[int(rand() * n) + 1] } print }' \
		"$symvers" >"$mdir/symvers"
	what="seed $seed on Module.symvers"
	run "$work/kernel/vmlinux" "$mdir/symvers"
done
# A module's objects against a corrupted fakemod.ko.
for ((i = 0; i < per * 4; i++)); do
	seed=$((i * 15485863 + 3))
	rm -rf "$mdir/in" && cp -r "$work/cases/module-func/in" "$mdir/in"
	"$mdir/mutate" "$seed" "$work/kernel/fakemod.ko" "$mdir/fakemod.ko" || continue
	what="seed $seed on fakemod.ko"
	run "$work/kernel/vmlinux" "$symvers" --module "fakemod=$mdir/fakemod.ko" \
		-- fakemod:fakemod-main.o
done
echo "$runs runs ($written written, $refused refused with a message), $bad bad"
[ "$runs" -gt 0 ] && [ "$bad" -eq 0 ]
