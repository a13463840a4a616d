# shellcheck shell=bash
# Common helpers for LKHP's shell scripts: messages, paths, cache keys.
# Sourced, never run.

LKHP_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
LKHP_CACHE=${LKHP_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/lkhp}
LKHP_KTARBALL=${LKHP_KTARBALL:-/usr/src/linux-source-6.1.tar.xz}
LKHP_KFRAGMENT=$LKHP_TOP/scripts/config/lkhp-test.config
# Source patches the test kernel is built with: the demo reintroduces the
# Dirty COW bug class so that LKHP has a real vulnerability to fix live.
LKHP_KPATCHES=("$LKHP_TOP/scripts/demo/dirtycow-vulnerable.patch")
LKHP_ENV_FILE=$LKHP_TOP/build/kernel.env
# The Debian kernel the tests use besides the test kernel (scripts/lkhp-target):
# the newest i386 bookworm kernel when it was chosen.
LKHP_DEBIAN_RELEASE=${LKHP_DEBIAN_RELEASE:-6.1.0-57-686-pae}
# QEMU's TCG threading for test guests (scripts/qemu-run --tcg). Single:
# the vCPUs take turns on one host thread, and no boot ever failed (0 of
# 300). Multi: they run in parallel, but QEMU 7.2 loses the race of the
# kernel's INT3-based text patching now and then (17 of 300 boots reset
# before /init), so tests whose point is parallel CPUs ask for it and get a
# counted retry of such a boot (scripts/bench/boot-flake measures both).
LKHP_QEMU_TCG=${LKHP_QEMU_TCG:-single}
# Where qemu-run counts those retries, for scripts/test-summary.
LKHP_BOOT_RETRIES=${LKHP_BOOT_RETRIES:-$LKHP_TOP/build/boot-retries.txt}

# A fixed build identity makes every build of one source+config report the
# same `uname -v`, which the runtime checks patches against.
export KBUILD_BUILD_TIMESTAMP="Thu Jan  1 00:00:00 UTC 2026"
export KBUILD_BUILD_USER=lkhp KBUILD_BUILD_HOST=lkhp

status() { printf '%s: %s\n' "${LKHP_PROG:-lkhp}" "$*"; }
warn() { printf '%s: warning: %s\n' "${LKHP_PROG:-lkhp}" "$*" >&2; }
# die_with STATUS MESSAGE: for a command whose exit statuses tell failures apart.
die_with() {
	local rc=$1
	shift
	printf '%s: ERROR: %s\n' "${LKHP_PROG:-lkhp}" "$*" >&2
	exit "$rc"
}
die() { die_with 1 "$@"; }

# Kernel version of the installed linux-source package, e.g. 6.1.192-2.
lkhp_kpkg_version() {
	dpkg-query -W -f='${Version}' linux-source-6.1 2>/dev/null ||
		stat -c %Y "$LKHP_KTARBALL" 2>/dev/null ||
		die "$LKHP_KTARBALL not found (package linux-source-6.1)"
}

lkhp_gcc_version() { gcc -dumpfullversion; }

# The LKHP release, LKHP_VERSION of lkhp/consts.h (the one place it is written).
lkhp_version() {
	local v
	v=$(sed -n 's/^#define LKHP_VERSION\t*"\(.*\)"$/\1/p' "$LKHP_TOP/runtime-kmod/include/lkhp/consts.h")
	[ -n "$v" ] || die "no LKHP_VERSION in $LKHP_TOP/runtime-kmod/include/lkhp/consts.h"
	echo "$v"
}

# Cache key for the test kernel: source version, config fragment, compiler.
lkhp_kernel_key() {
	local cfg ver
	ver=$(lkhp_kpkg_version) || return 1
	cfg=$(cat "$LKHP_KFRAGMENT" "${LKHP_KPATCHES[@]}" | sha256sum | cut -c1-12)
	printf '%s-%s-gcc%s\n' "$ver" "$cfg" "$(lkhp_gcc_version)"
}

# The project's shell files, sourced ones included: a '#!...sh' first line
# or a '# shellcheck shell=' directive there. Paths relative to LKHP_TOP.
lkhp_shell_files() {
	(cd "$LKHP_TOP" && git ls-files --cached --others --exclude-standard) |
		while read -r f; do
			[ -f "$LKHP_TOP/$f" ] || continue
			head -n 1 "$LKHP_TOP/$f" | grep -qE '^(#!.*sh|# shellcheck shell=)' && echo "$f"
		done
}

# Load build/kernel.env or fail with the command that makes it.
lkhp_load_env() {
	[ -r "$LKHP_ENV_FILE" ] || die "$LKHP_ENV_FILE missing: run 'make kernel' first"
	# shellcheck source=/dev/null
	. "$LKHP_ENV_FILE"
}

# Load the facts of TARGET ('test' or 'debian:RELEASE', see scripts/lkhp-target),
# preparing it first when needed.
lkhp_load_target() {
	local facts
	facts=$("$LKHP_TOP/scripts/lkhp-target" env "$1") || exit 1
	eval "$facts"
}

# run_progress LABEL WATCH LOG CMD...: run CMD (output to LOG) with a
# progress line every 10 s showing WATCH's size; die with LOG on failure.
run_progress() {
	local label=$1 watch=$2 log=$3 pid start=$SECONDS last=$SECONDS mb
	shift 3
	"$@" >"$log" 2>&1 &
	pid=$!
	while kill -0 "$pid" 2>/dev/null; do
		sleep 1
		[ $((SECONDS - last)) -ge 10 ] || continue
		last=$SECONDS
		mb=$(du -sm "$watch" 2>/dev/null | cut -f1 || true)
		status "  ... $label: $((SECONDS - start))s, ${mb:-0} MB"
	done
	wait "$pid" || {
		tail -n 20 "$log" >&2
		die "$label failed (full log: $log)"
	}
}

apt_get_download() {
	local opts=()
	# As root apt drops to user _apt, which cannot write into the cache.
	[ "$(id -u)" -ne 0 ] || opts=(-o APT::Sandbox::User=root)
	apt-get "${opts[@]}" download "$@"
}

# Run "$@" with output to LOG; on failure show the log's tail and die.
run_logged() {
	local log=$1 what=$2
	shift 2
	if ! "$@" >"$log" 2>&1; then
		tail -n 30 "$log" >&2
		die "$what failed (full log: $log)"
	fi
}

# lkhp_sign_module KDIR CONFIG KEY CERT KO LOG: sign module KO with the
# private key KEY and its certificate CERT as the kernel of headers KDIR and
# .config CONFIG checks signatures (scripts/sign-file, its hash).
lkhp_sign_module() {
	local kdir=$1 config=$2 key=$3 cert=$4 ko=$5 log=$6 hash
	hash=$(sed -n 's/^CONFIG_MODULE_SIG_HASH="\(.*\)"$/\1/p' "$config")
	[ -x "$kdir/scripts/sign-file" ] && [ -n "$hash" ] ||
		die "signing: the target does not sign modules (no CONFIG_MODULE_SIG_HASH, no $kdir/scripts/sign-file)"
	run_logged "$log" "signing $ko with $cert" "$kdir/scripts/sign-file" "$hash" "$key" "$cert" "$ko"
	status "  signed $(basename "$ko") with $cert ($hash)"
}

# Kernel failure classes a guest console can show: "CLASS ERE" per line, the
# most specific first (a line is named by the first class it matches). Any
# console line matching one fails a run of scripts/qemu-run, at whatever time
# it was printed. The last class catches every die() ("int3: 0000 [#1] ...").
LKHP_KERNEL_FAILURES='
softlockup	BUG: soft lockup
hardlockup	[Hh]ard LOCKUP
hungtask	INFO: task .* blocked for more than [0-9]+ seconds
rcustall	rcu: INFO: .*(detected stall|self-detected stall)
rcuexpstall	rcu: INFO: .*detected expedited stalls
sanitizer	BUG: (KASAN|KFENCE|KCSAN)|UBSAN:|KFENCE:
pagefault	BUG: unable to handle|BUG: kernel NULL pointer dereference
nx	kernel tried to execute NX-protected page
bug	kernel BUG at|invalid opcode: [0-9a-f]{4}
gpf	general protection fault
divide	divide error: [0-9a-f]{4}
doublefault	double fault
stackseg	stack segment: [0-9a-f]{4}
panic	Kernel panic
warning	WARNING:
oops	Oops|BUG:|: [0-9a-f]{4} \[#[0-9]+\]'

# lkhp_console_failures CONSOLE [ALLOWED_ERE...]: print "CLASS: LINE" for
# each failure line of CONSOLE that no ALLOWED_ERE matches.
lkhp_console_failures() {
	local console=$1 class re line allowed
	shift
	while IFS= read -r line; do
		for allowed in "$@"; do
			[[ $line =~ $allowed ]] && continue 2
		done
		while IFS=$'\t' read -r class re; do
			[ -n "$class" ] || continue
			if [[ $line =~ $re ]]; then
				printf '%s: %s\n' "$class" "$line"
				break
			fi
		done <<<"$LKHP_KERNEL_FAILURES"
	done < <(grep -aE "$(lkhp_failure_ere)" "$console")
}

# Taint flags that only a kernel failure sets (include/linux/panic.h: LETTER
# BIT NAME): the guest's init prints /proc/sys/kernel/tainted after the
# commands, and qemu-run fails a run that has one of these set and not
# declared (--expect-taint). A failure that printed nothing, or printed after
# the console was read, still shows here.
LKHP_TAINT_FAILURES='
M	4	machine check
B	5	bad page
D	7	died (oops)
W	9	warning
L	14	soft lockup'

# The kernel command line of every guest, of every target:
# - the failure detectors' timeouts, short, so that a hang or stall is
#   reported within a test, and the same for the test kernel and Debian's
#   (their own defaults are much longer: docs/testing.md); the expedited RCU
#   stall timeout is in milliseconds;
# - tsc=reliable: TCG's TSC follows the host's clock, but on a busy host the
#   clocksource watchdog finds it skewed and falls back to jiffies, and then
#   every guest clock (printk's, ktime, sched_clock) moves in whole ticks and
#   timers lag behind the guest's own sleeps.
# shellcheck disable=SC2034 # scripts/qemu-run's
LKHP_GUEST_ARGS='sysctl.kernel.hung_task_timeout_secs=10 rcupdate.rcu_cpu_stall_timeout=10 rcupdate.rcu_exp_cpu_stall_timeout=10000 tsc=reliable'

# lkhp_taint_failures TAINT [ALLOWED_LETTERS]: print "taint: LETTER (NAME)" for
# each failure flag set in the decimal TAINT that ALLOWED_LETTERS lacks.
lkhp_taint_failures() {
	local taint=$1 allowed=${2:-} letter bit name
	while IFS=$'\t' read -r letter bit name; do
		[ -n "$letter" ] || continue
		[ $(((taint >> bit) & 1)) -eq 1 ] || continue
		[[ $allowed == *"$letter"* ]] && continue
		printf 'taint: %s (%s) is set: /proc/sys/kernel/tainted is %s\n' "$letter" "$name" "$taint"
	done <<<"$LKHP_TAINT_FAILURES"
}

# All failure classes as one ERE.
lkhp_failure_ere() {
	printf '%s\n' "$LKHP_KERNEL_FAILURES" | cut -s -f2 | paste -sd'|'
}
