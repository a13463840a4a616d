#!/bin/bash
# Every shell script of the project passes shellcheck at warning level.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
cd "$LKHP_TOP"
mapfile -t scripts < <(git ls-files --cached --others --exclude-standard |
	while read -r f; do
		[ -f "$f" ] && head -c 64 "$f" | grep -q '^#!.*sh' && echo "$f"
	done)
echo "checking ${#scripts[@]} scripts"
shellcheck -S warning "${scripts[@]}"
