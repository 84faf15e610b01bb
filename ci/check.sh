#!/bin/bash
# check.sh - the test driver: runs each suite, counts its TAP lines, prints "N passed, N failed".
# SPDX-License-Identifier: MIT
#
# A suite is a make target check-NAME that prints "ok ..." / "not ok ..." lines.
# A suite that exits non-zero without a "not ok" line, or prints no result at
# all, counts as one failure, so a crashed suite can never pass silently.
set -u
cd "$(dirname "$0")/.."
# Each run counts from its own logs, so two runs at once cannot mix their
# counts; the finished log is then renamed to out/logs/check-NAME.log.
mkdir -p out/logs
run=$(mktemp -d out/logs/.run.XXXXXX)
trap 'rm -rf "$run"' EXIT
pass=0
fail=0
for s in "$@"; do
	log=$run/check-$s.log
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
	printf '%-24s %4d passed, %3d failed  (%ds, log: out/logs/check-%s.log)\n' \
		"$s" "$p" "$f" $(($(date +%s) - t0)) "$s"
	if [ "$f" -ne 0 ]; then
		grep '^not ok ' "$log" | sed 's/^/    /'
		echo "    --- last lines of the log:"
		tail -n 25 "$log" | sed 's/^/    | /'
	fi
	mv -f "$log" "out/logs/check-$s.log"
	pass=$((pass + p))
	fail=$((fail + f))
done
echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
