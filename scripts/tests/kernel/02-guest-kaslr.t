#!/bin/bash
# KASLR is active: the running kernel's text is not at vmlinux's link address.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
lkhp_load_env
link=$(nm "$LKHP_VMLINUX" | awk '$3 == "cmdline_proc_show" { print $1 }')
[ -n "$link" ] || die "cmdline_proc_show not in $LKHP_VMLINUX"
echo "link-time address: $link"
"$LKHP_TOP/scripts/qemu-run" --no-lkhp -- "
	run=\$(awk '\$3 == \"cmdline_proc_show\" { print \$1 }' /proc/kallsyms)
	echo \"run-time address: \$run\"
	[ -n \"\$run\" ]
	[ \"\$run\" != 00000000 ]
	[ \"\$run\" != '$link' ]
	if grep -q nokaslr /proc/cmdline; then echo 'booted with nokaslr'; exit 1; fi
"
