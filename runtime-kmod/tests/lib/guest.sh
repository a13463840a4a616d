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
	[ -d /sys/module/kpeek ] || insmod /lkhp/kpeek.ko
	a=$(kaddr "$1")
	[ -n "$a" ] || fail "no symbol $1"
	echo "$a ${2:-12}" >/sys/module/kpeek/parameters/peek
	cat /sys/module/kpeek/parameters/peek
}

# Run a command that must fail; its output is kept in $out.
must_fail() {
	if out=$("$@" 2>&1); then
		fail "'$*' succeeded: $out"
	fi
	echo "refused as expected: $* -> $out"
}

# Wait-free check that the kernel log has a line matching an ERE.
dmesg_has() {
	dmesg | grep -E "$1" || fail "no kernel message /$1/"
}

# Equality with a message.
same() {
	[ "$1" = "$2" ] || fail "$3: '$1' != '$2'"
}

# Start two readers (tests/helpers/readcheck.c) of FILE: readers_start FILE
# MODE ARG...; readers_stop stops them and checks that each saw both answers
# (class0 and class1) and no wrong one.
readers_start() {
	rm -f /tmp/readcheck.stop
	f=$1
	shift
	./readcheck "$f" 900 "$@" >r1.txt &
	reader1=$!
	./readcheck "$f" 900 "$@" >r2.txt &
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
