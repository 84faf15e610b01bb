#!/bin/sh
# run-fuzz.sh - run rpg's libFuzzer targets on a scratch copy of the corpus; TAP output.
# SPDX-License-Identifier: MIT
#
# usage: run-fuzz.sh BUILDDIR "LIBFUZZER OPTIONS" TIMEOUT TARGET[:RUNS]...
# Crashes land in BUILDDIR/crash-TARGET-*; the corpus in the tree is never modified.
set -u
dir=$1
opts=$2
limit=$3
shift 3
n=0
failed=0
for arg in "$@"; do
	t=${arg%%:*}
	runs=
	[ "$t" != "$arg" ] && runs="-runs=${arg#*:}"
	n=$((n + 1))
	work=$(mktemp -d "$dir/corpus-$t.XXXXXX")
	cp rpg/tests/fuzz/corpus/$t/* "$work/" 2>/dev/null
	cp "$dir"/seeds/$t/* "$work/" 2>/dev/null
	# shellcheck disable=SC2086
	if timeout "$limit" "$dir/fuzz_$t" $opts $runs -max_len=65536 -artifact_prefix="$dir/crash-$t-" \
	    "$work" >"$dir/fuzz_$t.log" 2>&1; then
		echo "ok $n fuzz_$t ($(grep -o 'Done [0-9]* runs' "$dir/fuzz_$t.log" | tail -1))"
		rm -rf "$work"
	else
		failed=$((failed + 1))
		echo "not ok $n fuzz_$t (log: $dir/fuzz_$t.log)"
		tail -n 30 "$dir/fuzz_$t.log" | sed 's/^/# /'
	fi
done
[ "$failed" -eq 0 ]
