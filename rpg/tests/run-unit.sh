#!/bin/sh
# run-unit.sh - run rpg unit test binaries, each with a fresh scratch dir and a hard timeout.
# SPDX-License-Identifier: MIT
#
# usage: run-unit.sh TMPDIR TEST...
# Prints each test's TAP lines; a binary that dies without a "not ok" line
# (a crash, a sanitizer report, a timeout) adds one "not ok" line of its own.
set -u
mkdir -p "$(dirname "$1")"
tmp=$(mktemp -d "$1.XXXXXX")	# concurrent runs must not share scratch files
shift
status=0
for t in "$@"; do
	name=$(basename "$t")
	rm -rf "$tmp/$name"
	mkdir -p "$tmp/$name"
	out=$(RPG_TEST_TMP="$tmp/$name" timeout 120 "$t" 2>"$tmp/$name.stderr")
	rc=$?
	printf '%s\n' "$out" | sed "s/^\(\(not \)\{0,1\}ok [0-9]*\) /\1 $name: /"
	if [ "$rc" -ne 0 ]; then
		status=1
		if ! printf '%s\n' "$out" | grep -q '^not ok '; then
			echo "not ok - $name exited with status $rc"
		fi
		sed 's/^/# /' "$tmp/$name.stderr" | tail -n 40
	fi
done
[ "$status" -eq 0 ] && rm -rf "$tmp"
exit $status
