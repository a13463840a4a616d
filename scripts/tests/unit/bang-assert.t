#!/bin/bash
# No assertion that asserts nothing under 'sh -e' (and bash's set -e):
# - a pipeline that starts with '!' never stops the script, whatever it
#   returns, so '! grep -q x f' as a statement (at its start, after '&&' or
#   ';', or after 'then', 'do', 'else' or '{') asserts nothing. Write
#   'if grep -q x f; then fail ...; fi' or '! grep -q x f || fail ...'.
# - in 'A && B' only B can stop the script: when A is false nothing fails, so
#   an '&&' list that ends in a test ('[', '[[', 'test', 'grep -q') asserts
#   nothing of A. Write 'A; B' for two assertions, or 'A && B || fail ...'.
# Checks every shell file, and the guest scripts inside them (line by line,
# continuation lines joined). Conditions of if/elif/while/until are exempt.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
cd "$LKHP_TOP"
# Not this file: its examples of what the check finds.
mapfile -t files < <(lkhp_shell_files | grep -vxF scripts/tests/unit/bang-assert.t)
# The check, an awk program over shell files: one line per finding.
check='
	# An && list that ends a function or a file is its exit status: it
	# asserts both; it is reported only when another statement follows.
	function flush(next_line) {
		if (pend != "" && next_line !~ /^}/)
			print pend
		pend = ""
	}
	function report(why) { printf "%s:%d: %s: %s\n", FILENAME, start, why, s }
	FNR == 1 { pend = ""; stmt = "" }
	{
		line = $0
		sub(/^[ \t]+/, "", line)
		if (stmt == "") {
			start = FNR
			if (line != "" && line !~ /^#/)
				flush(line)
		}
		stmt = stmt " " line
		if (line ~ /(\\|&&|\|\||\|)[ \t]*$/) next
		s = stmt
		stmt = ""
		sub(/^ +/, "", s)
		if (s ~ /^#/) next
		body = s
		if (body ~ /^(if|elif|while|until)[ \t]/) {
			if (!match(body, /;[ \t]*(then|do)[ \t]/)) next
			body = substr(body, RSTART + RLENGTH)
		}
		if (body ~ /\|\|/) next
		if (body ~ /^![ \t]/ || body ~ /(&&|;|(^|[ \t])(then|do|else)|\{)[ \t]*![ \t]/) {
			report("a statement that starts with !")
			next
		}
		n = split(body, part, /&&/)
		if (n < 2) next
		last = part[n]
		sub(/^[ \t]+/, "", last)
		if (last ~ /^(\[|\[\[|test[ \t]|grep[ \t]+-[A-Za-z]*q)/)
			pend = sprintf("%s:%d: an && list that ends in a test: %s", FILENAME, start, s)
	}'
# First the check itself: each of these must be found.
bad=(
	'! grep -q x f'
	'true && ! grep -q x f'
	'true; ! grep -q x f'
	'if true; then ! grep -q x f; fi'
	'for i in 1; do ! grep -q x f; done'
	'if true; then :; else ! grep -q x f; fi'
	'{ ! grep -q x f; }'
	'then ! grep -q x f'
	'else ! grep -q x f'
	'[ -n "$a" ] && [ "$a" = b ]'
	'grep -q x f && grep -qx y f'
)
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
for b in "${bad[@]}"; do
	printf '%s\n:\n' "$b" >"$tmp"
	[ -n "$(awk "$check" "$tmp")" ] || { echo "the check misses: $b"; exit 1; }
done
found=$(awk "$check" "${files[@]}")
echo "checked ${#files[@]} shell files"
if [ -n "$found" ]; then
	echo "statements that assert nothing under set -e:"
	printf '%s\n' "$found"
	exit 1
fi
