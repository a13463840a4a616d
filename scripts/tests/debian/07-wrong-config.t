#!/bin/bash
# lkhp-build checks what it compiled against the target before it writes
# anything: Debian's kernel built with -O2, the original objects compiled
# here with -Os (CONFIG_CC_OPTIMIZE_FOR_SIZE, a wrong config) are not the
# target's code, and the build is refused naming the function, with no
# module written. The original tree of that config is removed afterwards.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
lkhp_load_target "$target"
out=$LKHP_TOP/build/tests/debian-wrong-config
rm -rf "$out"
mkdir -p "$out"
# (the function graph tracer needs -O2 on i386: kconfig would drop it)
sed 's/^CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE=y$/# CONFIG_CC_OPTIMIZE_FOR_PERFORMANCE is not set/
     s/^# CONFIG_CC_OPTIMIZE_FOR_SIZE is not set$/CONFIG_CC_OPTIMIZE_FOR_SIZE=y/
     s/^CONFIG_FUNCTION_GRAPH_TRACER=y$/# CONFIG_FUNCTION_GRAPH_TRACER is not set/' \
	"$LKHP_KCONFIG" >"$out/config"
grep -qx 'CONFIG_CC_OPTIMIZE_FOR_SIZE=y' "$out/config" || die "could not switch the config to -Os"
rc=0
"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -c "$out/config" -o "$out" \
	"$LKHP_TOP/test-patches/cmdline-string.patch" >"$out/build.log" 2>&1 || rc=$?
cat "$out/build.log"
# the original tree this run made (1.5 GB): the only one newer than the config
find "$LKHP_CACHE/orig" -mindepth 1 -maxdepth 1 -type d -newer "$out/config" -exec rm -rf {} +
[ $rc -ne 0 ] || die "lkhp-build succeeded with a config that is not the target's"
grep -qE '^ERROR: fs/proc/cmdline\.o: cmdline_proc_show: compiled original (differs from|is [0-9]+ bytes,) the target' \
	"$out/build.log" || die "no 'compiled original differs' refusal naming cmdline_proc_show"
[ ! -e "$out/lkhp-cmdline-string.ko" ] || die "a module was written"
