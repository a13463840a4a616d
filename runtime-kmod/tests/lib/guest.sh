# shellcheck shell=sh
# Guest-side helpers for the runtime tests, sourced by the guest commands
# from /lkhp (busybox sh). Each failing check prints why and exits 1.

fail() {
	echo "TEST FAILED: $*"
	exit 1
}

# Runtime address of a kernel symbol.
kaddr() {
	awk -v s="$1" '$3 == s { print $1; exit }' /proc/kallsyms
}

# The first N (default 12) bytes of kernel function SYM, read through
# kpeek.ko (independent of lkhp.ko).
text() {
	a=$(kaddr "$1")
	[ -n "$a" ] || fail "no symbol $1"
	peek "$a" "${2:-12}"
}

# LEN bytes of kernel memory at hex address ADDR, through kpeek.ko.
peek() {
	[ -d /sys/module/kpeek ] || insmod /lkhp/kpeek.ko
	echo "$1 $2" >/sys/module/kpeek/parameters/peek
	cat /sys/module/kpeek/parameters/peek
}

# Run a command that must fail; its output is kept in $out.
must_fail() {
	if out=$("$@" 2>&1); then
		fail "'$*' succeeded: $out"
	fi
	echo "refused as expected: $* -> $out"
}

# must_refuse ERE CMD...: CMD must fail and log a kernel line matching ERE.
# The log is emptied first: the line that matches is CMD's own, not one an
# earlier command left there.
must_refuse() {
	re=$1
	shift
	dmesg -c >/dev/null
	must_fail "$@"
	dmesg | grep -E "$re" || fail "'$*' logged no /$re/, but: $(dmesg)"
}

# Wait-free check that the kernel log has a line matching an ERE.
dmesg_has() {
	dmesg | grep -E "$1" || fail "no kernel message /$1/"
}

# Equality with a message.
same() {
	[ "$1" = "$2" ] || fail "$3: '$1' != '$2'"
}

# Start two readers (tests/helpers/readcheck.c) of FILE, one on each of
# CPUs 0 and 1: readers_start FILE MODE ARG...; readers_stop stops them and
# checks that each exited 0 and saw both answers (class0 and class1) and no
# wrong one.
readers_start() {
	rm -f /tmp/readcheck.stop
	f=$1
	shift
	taskset -c 0 ./readcheck "$f" 900 "$@" >r1.txt &
	reader1=$!
	taskset -c 1 ./readcheck "$f" 900 "$@" >r2.txt &
	reader2=$!
}

readers_stop() {
	touch /tmp/readcheck.stop
	wait "$reader1" || fail "reader 1: $(cat r1.txt)"
	wait "$reader2" || fail "reader 2: $(cat r2.txt)"
	cat r1.txt r2.txt
	for r in r1.txt r2.txt; do
		grep -Eq "wrong=0 class0=[1-9][0-9]* class1=[1-9]" $r ||
			fail "$r: $(cat $r)"
	done
}

# The two vCPUs really run at once (multi-threaded TCG: about two million
# switches/s; single-threaded: about 130): a test of concurrency checks it.
parallel_cpus() {
	r=$(./interleave 1) || fail "interleave failed"
	echo "$r"
	n=$(echo "$r" | sed -n 's/^interleave: \([0-9]*\) switches.* \([0-9]*\) by CPU 1$/\1 \2/p')
	for v in $n; do
		[ "$v" -ge 100000 ] || fail "the CPUs take turns instead of running at once: $r"
	done
	[ -n "$n" ] || fail "interleave: $r"
}

# The 7 bytes at the patch site (+5) of kernel function $1 (its address
# looked up once, by sites_save, when it saved it).
site() {
	a=$(sed -n "s/^$1 \([0-9a-f]*\) .*/\1/p" /tmp/lkhp-orig-sites 2>/dev/null)
	[ -n "$a" ] || a=$(kaddr "$1")
	[ -n "$a" ] || fail "no symbol $1"
	peek "$(printf '%x' $((0x$a + 5)))" 7
}

# What a site holds when patch module $2 redirects it to its function $1.
# The patch modules' symbols are read again only when the loaded lkhp_*
# modules or their addresses changed: reading /proc/kallsyms (40,000 lines)
# takes the guest 0.4 s, most of what a consistent check costs.
ljmp_to() {
	k=$(grep '^lkhp_' /proc/modules | cut -d' ' -f1,6) || true
	if [ "$k" != "$(cat /tmp/lkhp-modsyms.key 2>/dev/null)" ]; then
		grep '\[lkhp_' /proc/kallsyms >/tmp/lkhp-modsyms || true
		echo "$k" >/tmp/lkhp-modsyms.key
	fi
	a=$(awk -v s="$1" -v m="[$2]" '$3 == s && $4 == m { print $1; exit }' /tmp/lkhp-modsyms)
	[ -n "$a" ] || fail "no $1 in module $2"
	echo "ea $(echo "$a" | sed "s/\(..\)\(..\)\(..\)\(..\)/\4 \3 \2 \1/") 60 00"
}

# A patch's state: enabled, disabled, removing, or absent.
pstate() {
	cat "/sys/kernel/lkhp/$1/state" 2>/dev/null || echo absent
}

# The functions of the test patches that consistent checks.
LKHP_THREEFUNCS="loadavg_proc_show get_avenrun nr_running"

# Remember the original sites and /proc/cmdline, for consistent and
# sites_original; orig_site FUNC gives a saved site back.
sites_save() {
	cat /proc/cmdline >/tmp/lkhp-orig-cmdline
	rm -f /tmp/lkhp-orig-sites
	for f in $LKHP_THREEFUNCS cmdline_proc_show; do
		echo "$f $(kaddr $f) $(site $f)"
	done >/tmp/lkhp-orig-sites.new
	mv /tmp/lkhp-orig-sites.new /tmp/lkhp-orig-sites
}

orig_site() {
	sed -n "s/^$1 [0-9a-f]* //p" /tmp/lkhp-orig-sites
}

sites_original() {
	for f in $LKHP_THREEFUNCS cmdline_proc_show; do
		same "$(site $f)" "$(orig_site $f)" "$1: $f original"
	done
}

# After concurrent or failing operations on the test patches cmdline,
# cmdline2, replace and threefunc: every patch is registered with its module
# loaded or neither; threefunc's three sites are all patched (enabled) or
# all original, never mixed; cmdline_proc_show runs the patch whose answer
# /proc/cmdline gives, which is enabled, or the original.
consistent() {
	for p in cmdline cmdline2 replace threefunc; do
		if [ "$(pstate $p)" = absent ] && grep -q "^lkhp_$p " /proc/modules; then
			fail "$1: lkhp_$p is loaded without its patch"
		fi
	done
	if [ "$(pstate threefunc)" = enabled ]; then
		for f in $LKHP_THREEFUNCS; do
			same "$(site $f)" "$(ljmp_to new_$f lkhp_threefunc)" "$1: $f patched"
		done
		grep -q " 4242/0 lkhp3-A$" /proc/loadavg || fail "$1: loadavg: $(cat /proc/loadavg)"
	else
		for f in $LKHP_THREEFUNCS; do
			same "$(site $f)" "$(orig_site $f)" "$1: $f original"
		done
		if grep -q lkhp3 /proc/loadavg; then fail "$1: loadavg patched"; fi
	fi
	c=$(cat /proc/cmdline)
	case $c in
	"$(cat /tmp/lkhp-orig-cmdline)")
		same "$(site cmdline_proc_show)" "$(orig_site cmdline_proc_show)" "$1: cmdline original" ;;
	lkhp-cmdline-patched | lkhp-cmdline2-patched | lkhp-replace-patched)
		p=${c#lkhp-}
		p=${p%-patched}
		same "$(pstate "$p")" enabled "$1: $p answers"
		same "$(site cmdline_proc_show)" "$(ljmp_to new_cmdline_proc_show "lkhp_$p")" \
			"$1: cmdline site of $p" ;;
	*) fail "$1: /proc/cmdline: $c" ;;
	esac
}
