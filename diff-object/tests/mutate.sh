#!/bin/bash
# The mutation loop: every fixture object, corrupted many ways (mutate.c),
# as ORIG and as PATCHED; lkhp-diff (built with ASan and UBSan) must end
# with an exit code of its contract, and say why when it refuses: never a
# signal, a sanitizer report or a timeout.
#
# usage: mutate.sh WORKDIR [MUTATIONS_PER_OBJECT]
set -uo pipefail

here=$(cd "$(dirname "$0")" && pwd)
work=${1:?usage: mutate.sh WORKDIR [N]}
per=${2:-${LKHP_MUTATIONS:-12}}
mdir=$work/mutations
rm -rf "$mdir" && mkdir -p "$mdir"

gcc -O2 -Wall -Werror -o "$mdir/mutate" "$here/mutate.c" || exit 1
# a sanitizer build of lkhp-diff, separate from the normal one
make -s -C "$here/.." SANDIR="$mdir" sanitized >/dev/null || exit 1
export ASAN_OPTIONS=exitcode=99:detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1:exitcode=98

runs=0 bad=0
for obj in "$work"/*/orig.o "$work"/*/patched.o; do
	[ -f "$obj" ] || continue
	other=$(dirname "$obj")/patched.o
	for ((i = 0; i < per; i++)); do
		seed=$((runs * 7919 + i))
		"$mdir/mutate" "$seed" "$obj" "$mdir/m.o" || continue
		for order in 0 1; do
			if [ $order = 0 ]; then set -- "$mdir/m.o" "$other"; else set -- "$other" "$mdir/m.o"; fi
			rm -f "$mdir/out.o"
			timeout 20 "$mdir/lkhp-diff" "$@" "$mdir/out.o" >"$mdir/stdout" 2>"$mdir/stderr"
			rc=$?
			runs=$((runs + 1))
			case $rc in
			0|3) ;;
			1|2) [ -s "$mdir/stderr" ] || { echo "silent exit $rc: seed $seed on $obj"; bad=$((bad + 1)); } ;;
			*)
				echo "exit $rc (crash, sanitizer or timeout): seed $seed on $obj (order $order)"
				head -n 20 "$mdir/stderr"
				cp "$mdir/m.o" "$mdir/crash-$seed.o"
				bad=$((bad + 1)) ;;
			esac
		done
	done
done
echo "$runs runs, $bad bad"
[ "$runs" -gt 0 ] && [ "$bad" -eq 0 ]
