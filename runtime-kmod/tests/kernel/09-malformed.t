#!/bin/bash
# Patch modules with corrupted tables (lkhp-malformed.ko corrupt=KIND: wrong
# ABI version or struct sizes, huge counts, NULL and outside pointers, a new
# function in module data, a duplicate entry, a bad site or relocation
# type or flags, a missing symbol, no anchor, a data anchor that disagrees
# with the text anchor, an alias table outside the module, an alias at another
# address than the symbol's, a name that is no directory name, a
# relocation that would rewrite the validated header, unknown function flags,
# an export record for vmlinux or a CRC without an exporter, a
# callback table too big, a callback of unknown type, outside the module's text
# or with a bad object name, a relocation that would rewrite a callback, a
# jump table too big or for vmlinux): each
# is refused with its message, logged by that load (must_refuse), nothing is
# left loaded or changed, no oops. The same module without
# corrupt= is a good patch, and a second patch of a registered name is
# refused (-EEXIST).
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 300 -- '
orig=$(cat /proc/cmdline)
before=$(text cmdline_proc_show)
refused() {
	must_refuse "lkhp: $2" insmod lkhp-malformed.ko corrupt="$1"
}
refused abi "malformed: refused: patch ABI 6 "
refused struct-size "malformed: refused: patch ABI 5 \(sizes 76/32/48\)"
refused func-size "malformed: refused: patch ABI 5 \(sizes 80/28/48\)"
refused reloc-size "malformed: refused: patch ABI 5 \(sizes 80/32/52\)"
for kind in huge-funcs huge-relocs null-funcs null-relocs flags bad-mod; do
	refused $kind "malformed: refused: malformed patch header"
done
for kind in null-name name-outside bad-site func-flags; do
	refused $kind "malformed: refused: malformed function record 0"
done
refused duplicate "malformed: refused: cmdline_proc_show is listed twice"
refused new-in-data "malformed: refused: new cmdline_proc_show at data_word.* is not in the text of module lkhp_malformed"
refused new-outside "malformed: refused: new cmdline_proc_show at .* is not in the text of module lkhp_malformed"
refused place-outside "malformed: refused: malformed relocation 0"
refused reloc-type "malformed: refused: malformed relocation 0"
refused missing-symbol "malformed: refused: symbol lkhp_no_such_symbol .* does not verify"
refused no-anchor "malformed: refused: no KASLR anchor"
refused data-anchor "malformed: refused: init_uts_ns is at .*: built for another kernel image"
refused reloc-flags "malformed: refused: malformed relocation 0"
refused aliases-outside "malformed: refused: malformed patch header"
refused alias-elsewhere "malformed: refused: symbol lkhp_alias_of_saved_command_line .* does not verify: .* is saved_command_line\+0x0/"
refused release-outside "malformed: refused: built for kernel .\?. "
refused bad-name "mal/formed: refused: malformed patch header"
refused place-in-header "malformed: refused: malformed relocation 0"
for kind in export-vmlinux export-crc; do
	refused $kind "malformed: refused: relocation 0: a malformed export record \(exporter, CRC\)"
done
refused callback-table "malformed: refused: malformed patch header"
for kind in callback-type callback-fn callback-objname; do
	refused $kind "malformed: refused: malformed callback record 0"
done
refused callback-place "malformed: refused: malformed relocation 0"
refused jump-tables "malformed: refused: malformed patch header"
refused jump-objname "malformed: refused: malformed jump table 0"
same "$(text cmdline_proc_show)" "$before" "cmdline_proc_show bytes after the refusals"
same "$(cat /proc/cmdline)" "$orig" "/proc/cmdline after the refusals"
if grep -q "^lkhp_malformed " /proc/modules; then fail "lkhp_malformed stayed loaded"; fi
same "$(lkhp list | wc -l)" 1 "empty patch table"

# The control: the same module, uncorrupted, is a good patch.
insmod lkhp-malformed.ko
same "$(cat /proc/cmdline)" "lkhp-malformed-patched $orig" "the uncorrupted module patches"
lkhp remove -i malformed
same "$(text cmdline_proc_show)" "$before" "bytes after remove"
# A name kallsyms does not show verifies by the alias it shows there.
insmod lkhp-malformed.ko corrupt=alias
same "$(cat /proc/cmdline)" "lkhp-malformed-patched $orig" "a relocation verified by its alias"
lkhp remove -i malformed

# Two patches of one name: the second is refused, the first stays.
lkhp install -f lkhp-cmdline.ko
must_refuse "lkhp: cmdline: refused: a patch of that name is registered" insmod lkhp-dupname.ko
echo "$out" | grep -q "File exists" || fail "errno: $out"
same "$(cat /proc/cmdline)" lkhp-cmdline-patched "the first patch stays"
lkhp remove -i cmdline
echo PASS
'
