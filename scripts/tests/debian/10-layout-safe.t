#!/bin/bash
# The DWARF layout check on Debian's kernel, accepting: test-patches/
# timer-list-iter-outlives-FAIL.patch (refused on its own: changed code
# reaches struct timer_list_iter through pointers) with LKHP_LAYOUT_SAFE
# added by a second patch builds a module. lkhp-diff must not have said
# "no DWARF": then the refusal of the FAIL patch would not be the check's.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
lkhp_load_target "$target"
out=$LKHP_TOP/build/tests/debian-layout-safe
rm -rf "$out"
mkdir -p "$out"
cat >"$out/layout-safe.patch" <<'EOF'
--- a/kernel/time/timer_list.c
+++ b/kernel/time/timer_list.c
@@ -361,3 +361,7 @@
 }
 __initcall(init_timer_list_procfs);
 #endif
+
+#include "lkhp-macros.h"
+LKHP_LAYOUT_SAFE(struct timer_list_iter,
+		 "restarted sits in padding that a reader opened before the patch holds as zero (kzalloc)");
EOF
rc=0
"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n layout-safe \
	"$LKHP_TOP/test-patches/timer-list-iter-outlives-FAIL.patch" "$out/layout-safe.patch" \
	>"$out/build.log" 2>&1 || rc=$?
cat "$out/build.log"
[ $rc -eq 0 ] || die "lkhp-build refused the patch that LKHP_LAYOUT_SAFE declares safe (exit $rc)"
[ -e "$out/lkhp-layout-safe.ko" ] || die "no module written"
! grep -F 'no DWARF' "$out/build.log" || die "lkhp-diff found no DWARF in Debian's objects"
for f in timer_list_show timer_list_start timer_list_next; do
	grep -qx "timer_list\.o: changed function: $f" "$out/build.log" || die "$f not reported changed"
done
