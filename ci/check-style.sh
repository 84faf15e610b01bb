#!/bin/bash
# check-style.sh - mechanical style rules for tracked C, shell and make files (STYLE B9).
# SPDX-License-Identifier: MIT
#
# One TAP line per rule: no trailing whitespace, a final newline, and a
# one-line "what this file is" header comment at the top of every C file.
set -u
cd "$(dirname "$0")/.."
n=0
rule() {	# rule NAME OFFENDERS...
	local name=$1
	shift
	n=$((n + 1))
	if [ $# -eq 0 ]; then
		echo "ok $n $name"
	else
		echo "not ok $n $name: $*"
	fi
}
files=$(git ls-files -- '*.c' '*.h' '*.sh' '*.mk' 'Makefile' 2>/dev/null)
bad=()
for f in $files; do
	[ -f "$f" ] && grep -qn '[[:blank:]]$' "$f" && bad+=("$f")
done
rule "no trailing whitespace" "${bad[@]}"
bad=()
for f in $files; do
	[ -s "$f" ] && [ -n "$(tail -c1 "$f")" ] && bad+=("$f")
done
rule "files end with a newline" "${bad[@]}"
bad=()
for f in $(git ls-files -- '*.c' '*.h' 2>/dev/null); do
	[ -f "$f" ] && ! head -n 3 "$f" | grep -q '^/\*.* - ' && bad+=("$f")
done
rule "C files start with a '/* name - what it is */' line" "${bad[@]}"
