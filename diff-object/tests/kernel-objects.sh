#!/bin/bash
# lkhp-diff on real kernel objects: compile one object of the built test
# kernel exactly as kbuild did (its .cmd line) plus -ffunction-sections
# -fdata-sections, once from the tree and once from a patched copy, and
# check that the report names exactly the functions the patch changed.
# The kernel tree is only read: objects and the copy live in a temp dir.
#
# usage: kernel-objects.sh OBJECT...   (fs/proc/cmdline.o, ...; default: all)
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
diff_tool=$here/../lkhp-diff
env_file=$top/build/kernel.env
[ -r "$env_file" ] || { echo "no $env_file: run 'make kernel'"; exit 1; }
# shellcheck source=/dev/null
. "$env_file"
: "${LKHP_KSRC:?kernel.env lacks LKHP_KSRC}"

# OBJECT -> "sed expression@@expected report line[;line...]"
declare -A patches=(
	[fs/proc/cmdline.o]='s/seq_putc(m, .\\n.);/seq_puts(m, " lkhp\\n");/@@changed function: cmdline_proc_show'
	[fs/proc/meminfo.o]='s/"MemTotal:       "/"MemTotaL:       "/@@changed function: meminfo_proc_show'
	[kernel/sys.o]='s/mask = xchg(&current->fs->umask, mask \& S_IRWXUGO);/mask = xchg(\&current->fs->umask, (mask | 2) \& S_IRWXUGO);/@@changed function: __ia32_sys_umask'
	[mm/gup.o]='/^long get_user_pages_unlocked(/,/^{/s/^{/{\n\tif (nr_pages > (1UL << 20))\n\t\treturn -EINVAL;/@@changed function: get_user_pages_unlocked'
)

tmp=$(mktemp -d)
[ -n "${LKHP_KEEP:-}" ] || trap 'rm -rf "$tmp"' EXIT

one() {
	local obj=$1 spec src dir base cmd want got rc
	spec=${patches[$obj]:-}
	[ -n "$spec" ] || { echo "no patch defined for $obj"; return 1; }
	src=${obj%.o}.c
	dir=$(dirname "$obj")
	base=$(basename "$obj" .o)
	cmd=$(sed -n "s|^cmd_$obj := ||p" "$LKHP_KSRC/$dir/.$base.o.cmd")
	[ -n "$cmd" ] || { echo "no compile command for $obj"; return 1; }
	# drop the dep file, cut the output/input, add function/data sections
	cmd=$(printf '%s' "$cmd" | sed -e 's/-Wp,-MMD,[^ ]*//' -e "s| -c -o $obj $src *$||")
	cmd+=" -ffunction-sections -fdata-sections"

	mkdir -p "$tmp/src/$dir"
	sed -e "${spec%%@@*}" "$LKHP_KSRC/$src" >"$tmp/src/$src"
	if cmp -s "$LKHP_KSRC/$src" "$tmp/src/$src"; then
		echo "the patch for $obj did not apply"; return 1
	fi
	diff -u "$LKHP_KSRC/$src" "$tmp/src/$src" || true
	(cd "$LKHP_KSRC" && eval "$cmd -c -o '$tmp/$base.orig.o' '$src'")
	# same __FILE__ as the original; quoted includes still find the tree
	(cd "$LKHP_KSRC" && eval "$cmd -iquote '$LKHP_KSRC/$dir' \
		-fmacro-prefix-map='$tmp/src/=' -c -o '$tmp/$base.patched.o' '$tmp/src/$src'")

	set +e
	"$diff_tool" "$tmp/$base.orig.o" "$tmp/$base.patched.o" "$tmp/$base.out.o" >"$tmp/report"
	rc=$?
	set -e
	got=$(sort "$tmp/report")
	want=$(printf '%s\n' "${spec#*@@}" | tr ';' '\n' | sort)
	echo "exit $rc; report:"; cat "$tmp/report"
	[ "$rc" = 0 ] || { echo "FAILED: $obj: lkhp-diff exit $rc"; return 1; }
	[ "$got" = "$want" ] || { echo "FAILED: $obj: expected report: $want"; return 1; }
	ld -m elf_i386 -r -o "$tmp/$base.linked.o" "$tmp/$base.out.o"
	readelf -sW "$tmp/$base.out.o" | grep -E ' UND |FUNC' || true
	# the unchanged original against itself: no change
	set +e
	"$diff_tool" "$tmp/$base.orig.o" "$tmp/$base.orig.o" "$tmp/$base.same.o"
	rc=$?
	set -e
	[ "$rc" = 3 ] || { echo "FAILED: $obj against itself: exit $rc, expected 3"; return 1; }
	echo "ok $obj"
}

[ $# -gt 0 ] || set -- "${!patches[@]}"
for obj in "$@"; do
	one "$obj"
done
