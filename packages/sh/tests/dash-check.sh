#!/bin/sh
# dash-check.sh - host only: each case's expected output must still be what Debian's dash prints; TAP.
# SPDX-License-Identifier: MIT
# usage: dash-check.sh CASEDIR SCRATCHDIR
# Guards against a .out edited by hand or a case changed without remaking its .out.
dir=$1
tmp=$2
T=0
FAILS=0
mkdir -p "$tmp" || exit 1
for c in "$dir"/*.sh; do
	name=${c##*/}
	name=${name%.sh}
	T=$((T + 1))
	(cd "$tmp" && env -i PATH=/usr/bin:/bin TMPDIR="$tmp" dash "$c") >"$tmp/out" 2>/dev/null
	echo "exit=$?" >>"$tmp/out"
	if cmp -s "$tmp/out" "${c%.sh}.out"; then
		echo "ok $T dash_agrees_$name"
	else
		echo "not ok $T dash_agrees_$name"
		diff "${c%.sh}.out" "$tmp/out" | head -n 10 | sed 's/^/#   /'
		FAILS=$((FAILS + 1))
	fi
done
rm -rf "$tmp"
echo "# $T tests, $FAILS failed"
[ "$FAILS" -eq 0 ]
