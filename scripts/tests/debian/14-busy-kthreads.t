#!/bin/bash
# Kernel threads that cannot be moved out of a function (issue 25), on
# Debian's kernel. A test module's kthread asleep uninterruptibly in msleep
# keeps a patch of msleep from going live, and the refusal names it; once
# the module is gone the patch goes live. pktgen's threads live in their
# main function, pktgen_thread_worker: lkhp-build says so, the patch goes
# live as pktgen loads (its threads then run the new version), cannot be
# disabled while pktgen stays loaded (the refusal says that unloading pktgen
# lets go), and can once pktgen is unloaded.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
out=$LKHP_TOP/build/tests/debian-busy-kthreads
tp=$LKHP_TOP/test-patches/objects
rm -rf "$out"
mkdir -p "$out/mod"
make --no-print-directory -C "$LKHP_TOP/runtime-kmod" TARGET="$target" module >/dev/null
eval "$("$LKHP_TOP/scripts/lkhp-target" env "$target")"
cp "$LKHP_TOP/runtime-kmod/tests/modules/busy_target.c" "$out/mod/"
echo 'obj-m := busy_target.o' >"$out/mod/Kbuild"
make -C "$LKHP_KDIR" ARCH=i386 M="$out/mod" modules >"$out/mod.log" 2>&1 ||
	{ cat "$out/mod.log"; die "busy_target.ko does not build for $target"; }
for p in msleep-zero pktgen-worker; do
	"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n "$p" "$tp/$p.patch" \
		>"$out/$p.log" 2>&1 || { cat "$out/$p.log"; die "lkhp-build $p failed"; }
done
cat "$out/pktgen-worker.log"
grep -Fq "pktgen.o: warning: lkhp-diff: pktgen_thread_worker: the main function of a kernel thread (" \
	"$out/pktgen-worker.log" || die "lkhp-build did not say that pktgen_thread_worker is a kthread's main function"
"$LKHP_TOP/scripts/qemu-run" --target "$target" --file "$out/mod/busy_target.ko" \
	--file "$out/lkhp-msleep-zero.ko" --file "$out/lkhp-pktgen-worker.ko" --module pktgen -- "
	fail() { echo \"FAIL: \$*\"; exit 1; }
	insmod busy_target.ko
	sleep 1
	pid=\$(pidof lkhp_busy)
	if lkhp install -f lkhp-msleep-zero.ko 2>err.txt; then fail 'installed with lkhp_busy in msleep'; fi
	cat err.txt
	grep -q 'msleep-zero: enable failed: function msleep in use by task lkhp_busy/'\$pid' after 10 tries\$' err.txt ||
		fail 'the refusal does not name lkhp_busy'
	[ -z \"\$(lkhp list | tail -n +2)\" ] || fail 'a patch stayed'
	rmmod busy_target
	lkhp install -f lkhp-msleep-zero.ko
	lkhp remove -i msleep-zero

	lkhp install -f lkhp-pktgen-worker.ko
	lkhp list | grep -q '^ *pktgen: waiting, not loaded, 1 function' || { lkhp list; fail 'not waiting'; }
	modprobe pktgen
	sleep 1
	dmesg | grep 'lkhp test: pktgen/0 runs the patched worker' || fail 'pktgen started the original worker'
	lkhp list | grep -q '^ *pktgen: enabled, 1 function' || { lkhp list; fail 'not enabled'; }
	if lkhp disable -i pktgen-worker 2>err.txt; then fail 'disabled with pktgen loaded'; fi
	cat err.txt
	grep -Eq \"pktgen-worker: disable failed: function pktgen_thread_worker in use by task kpktgend_[0-9]+/[0-9]+ after 10 tries: a kernel thread in pktgen's code, which unloading pktgen lets go\" err.txt ||
		fail 'the refusal does not say what lets go'
	lkhp list | grep -q '^ *pktgen: enabled, 1 function' || { lkhp list; fail 'not enabled after the refusal'; }
	rmmod pktgen
	lkhp disable -i pktgen-worker
	lkhp remove -i pktgen-worker
	n=\$(dmesg | grep -c 'runs the patched worker')
	modprobe pktgen
	sleep 1
	[ \"\$(dmesg | grep -c 'runs the patched worker')\" = \"\$n\" ] || fail 'pktgen runs the patched worker after remove'
	rmmod pktgen
"
