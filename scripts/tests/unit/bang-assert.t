#!/bin/bash
# No assertion hides behind '!': under 'sh -e' (and bash's set -e) a
# pipeline that starts with '!' never stops the script, whatever it returns,
# so '! grep -q x f' as a statement asserts nothing. Write
# 'if grep -q x f; then fail ...; fi' or '! grep -q x f || fail ...'.
# Checks every shell file, and the guest scripts inside them (line by line,
# continuation lines joined).
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
cd "$LKHP_TOP"
mapfile -t files < <(lkhp_shell_files)
found=$(awk '
	FNR == 1 { stmt = "" }
	{
		line = $0
		sub(/^[ \t]+/, "", line)
		if (stmt == "") { start = FNR }
		stmt = stmt " " line
		if (line ~ /(\\|&&|\|\||\|)[ \t]*$/) next
		s = stmt
		stmt = ""
		sub(/^ +/, "", s)
		if (s ~ /^#/ || s ~ /^(if|elif|while|until)[ \t]/) next
		if (s !~ /^![ \t]/ && s !~ /(&&|;)[ \t]*![ \t]/) next
		if (s ~ /\|\|/) next
		printf "%s:%d: %s\n", FILENAME, start, s
	}' "${files[@]}")
echo "checked ${#files[@]} shell files"
if [ -n "$found" ]; then
	echo "statements whose '!' makes them assert nothing under set -e:"
	printf '%s\n' "$found"
	exit 1
fi
