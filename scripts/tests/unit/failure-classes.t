#!/bin/bash
# The harness self-tests run once per class of the Makefile's FAILURE_CLASSES,
# a list written out apart from the failure tables: each console class of
# LKHP_KERNEL_FAILURES (scripts/lib.sh) and each extra detection must be in
# it, and it must name nothing else. A class taken out of the table (or the
# list) fails here instead of quietly losing its self-test.
set -euo pipefail
. "$(dirname "$0")/../../lib.sh"
cd "$LKHP_TOP"
# The detections that are not console lines of the table.
extra='late taint'
listed=$(make -s --no-print-directory -f - <<<'include Makefile
print: ; @printf "%s\n" $(FAILURE_CLASSES)' print | sort)
table=$( (printf '%s\n' "$LKHP_KERNEL_FAILURES" | cut -s -f1; printf '%s\n' $extra) | sort)
if [ "$listed" != "$table" ]; then
	echo "FAILURE_CLASSES of the Makefile and the failure table differ:"
	diff <(echo "$listed") <(echo "$table") | sed -n 's/^</  only in FAILURE_CLASSES:/p; s/^>/  only in the table:/p'
	exit 1
fi
echo "$(wc -w <<<"$listed") classes: FAILURE_CLASSES and the table agree"
