#!/bin/bash
# check.sh - the test driver: runs each suite, counts its TAP lines, prints "N passed, N failed".
# SPDX-License-Identifier: MIT
#
# A suite is a make target check-NAME that prints "ok ..." / "not ok ..." lines.
# A suite that exits non-zero without a "not ok" line, or prints no result at
# all, counts as one failure, so a crashed suite can never pass silently.
set -u
cd "$(dirname "$0")/.."
mkdir -p out/logs
pass=0
fail=0
for s in "$@"; do
	log=out/logs/check-$s.log
	t0=$(date +%s)
	make --no-print-directory "check-$s" >"$log" 2>&1
	rc=$?
	p=$(grep -c '^ok ' "$log")
	f=$(grep -c '^not ok ' "$log")
	if [ "$rc" -ne 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - suite $s exited with status $rc" >>"$log"
		f=1
	fi
	if [ "$p" -eq 0 ] && [ "$f" -eq 0 ]; then
		echo "not ok - suite $s ran no test" >>"$log"
		f=1
	fi
	printf '%-24s %4d passed, %3d failed  (%ds, log: %s)\n' "$s" "$p" "$f" $(($(date +%s) - t0)) "$log"
	if [ "$f" -ne 0 ]; then
		grep '^not ok ' "$log" | sed 's/^/    /'
		echo "    --- last lines of $log:"
		tail -n 25 "$log" | sed 's/^/    | /'
	fi
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
