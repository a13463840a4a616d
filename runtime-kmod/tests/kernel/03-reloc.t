#!/bin/bash
# A patch calling non-exported kernel code through LKHP relocations: an
# R_386_PC32 in the patch module's read-only text (jmp to nr_processes) and
# an R_386_32 in its data (pointer to saved_command_line).
. "$(dirname "$0")/../lib/test.sh"
qrun --timeout 90 -- '
orig=$(cat /proc/cmdline)
lkhp install -f lkhp-reloc.ko
cat /proc/cmdline
line=$(cat /proc/cmdline)
case $line in
"lkhp-reloc procs="[1-9]*" cmdline=$orig") ;;
*) fail "relocated output: $line" ;;
esac
# The count is the real one: compare with the threads in /proc.
n=${line#lkhp-reloc procs=}
n=${n%% *}
t=$(cat /proc/[0-9]*/status 2>/dev/null | grep -c "^Threads:")
[ "$n" -ge $((t - 3)) ] && [ "$n" -le $((t + 3)) ] || fail "nr_processes $n vs $t tasks"
lkhp list -i reloc | grep -q "relocs:     2" || fail "two relocations"
lkhp remove -i reloc
same "$(cat /proc/cmdline)" "$orig" "restored"
echo PASS
'
