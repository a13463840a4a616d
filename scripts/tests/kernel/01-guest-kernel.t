#!/bin/bash
# The guest runs the cached 6.1.y i386 SMP kernel with 2 CPUs online.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
lkhp_load_env
"$LKHP_TOP/scripts/qemu-run" --no-lkhp -- "
	uname -a
	case \$(uname -r) in 6.1.*) ;; *) echo 'not a 6.1.y kernel'; exit 1;; esac
	[ \"\$(uname -r)\" = '$LKHP_KVER' ]
	case \$(uname -m) in i?86) ;; *) echo 'not i386'; exit 1;; esac
	uname -v | grep -q SMP
	grep -q PREEMPT /proc/version
	echo \"online: \$(cat /sys/devices/system/cpu/online)\"
	[ \"\$(cat /sys/devices/system/cpu/online)\" = 0-1 ]
	[ \"\$(grep -c ^processor /proc/cpuinfo)\" = 2 ]
"
