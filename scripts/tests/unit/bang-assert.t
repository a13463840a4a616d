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
mapfile -t files < <(lkhp_shell_files)
found=$(awk '
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
		if (body ~ /^![ \t]/ || body ~ /(&&|;|[ \t]then|[ \t]do|[ \t]else|\{)[ \t]*![ \t]/) {
			report("a statement that starts with !")
			next
		}
		n = split(body, part, /&&/)
		if (n < 2) next
		last = part[n]
		sub(/^[ \t]+/, "", last)
		if (last ~ /^(\[|\[\[|test[ \t]|grep[ \t]+-[A-Za-z]*q)/)
			pend = sprintf("%s:%d: an && list that ends in a test: %s", FILENAME, start, s)
	}' "${files[@]}")
echo "checked ${#files[@]} shell files"
if [ -n "$found" ]; then
	echo "statements that assert nothing under set -e:"
	printf '%s\n' "$found"
	exit 1
fi
