#!/bin/bash
# Objects named elsewhere than the changed file's directory (issue 24):
# security/selinux/ss/policydb.c is compiled as ss/policydb.o, named by
# security/selinux/Makefile; kernel/sched/cpufreq_schedutil.c is no object
# of its own but '# include "cpufreq_schedutil.c"' of build_utility.c;
# virt/kvm/kvm_main.c is module kvm's arch/x86/kvm/../../../virt/kvm/kvm_main.o,
# named by arch/x86/kvm/Makefile outside its directory. For Debian's kernel
# lkhp-build finds all three (kbuild's list of objects and the compiler's
# record of what each reads, not text), one patch module holds the fixes,
# and it goes live (kvm's part when kvm loads) and away in Debian's kernel.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
target=debian:$LKHP_DEBIAN_RELEASE
out=$LKHP_TOP/build/tests/debian-objects-elsewhere
tp=$LKHP_TOP/test-patches/objects
rm -rf "$out"
mkdir -p "$out"
make --no-print-directory -C "$LKHP_TOP/runtime-kmod" TARGET="$target" module >/dev/null
"$LKHP_TOP/build-tool/lkhp-build" --target "$target" -o "$out" -n elsewhere \
	"$tp/selinux-cat-value.patch" "$tp/schedutil-rate-limit.patch" "$tp/kvm-api-version.patch" >"$out/build.log" 2>&1 ||
	{ cat "$out/build.log"; die "lkhp-build failed"; }
cat "$out/build.log"
for line in 'security/selinux/ss/policydb.o: vmlinux' 'kernel/sched/build_utility.o: vmlinux' \
	'arch/x86/kvm/\.\./\.\./\.\./virt/kvm/kvm_main\.o: module kvm' \
	'policydb.o: changed function: cat_read' 'build_utility.o: changed function: rate_limit_us_store' \
	'kvm_main.o: changed function: kvm_dev_ioctl'; do
	grep -qxE "(lkhp-build:   )?$line" "$out/build.log" || die "no line '$line'"
done
"$LKHP_TOP/scripts/qemu-run" --target "$target" --file "$out/lkhp-elsewhere.ko" --module kvm -- "
	lkhp install -f lkhp-elsewhere.ko
	lkhp list | grep -q '^ *vmlinux: enabled, 2 functions' || { lkhp list; exit 1; }
	lkhp list | grep -q '^ *kvm: waiting, not loaded, 1 function' || { lkhp list; exit 1; }
	modprobe kvm
	lkhp list | grep -q '^ *kvm: enabled, 1 function' || { lkhp list; exit 1; }
	lkhp remove -i elsewhere
	[ -z \"\$(lkhp list | tail -n +2)\" ] || { lkhp list; exit 1; }
"
