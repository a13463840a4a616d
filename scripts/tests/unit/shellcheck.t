#!/bin/bash
# Every shell file of the project, sourced libraries and guest fragments
# included, passes shellcheck at warning level.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
cd "$LKHP_TOP"
mapfile -t scripts < <(lkhp_shell_files)
echo "checking ${#scripts[@]} shell files"
shellcheck -S warning "${scripts[@]}"
