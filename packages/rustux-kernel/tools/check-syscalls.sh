#!/bin/bash
# check-syscalls.sh - TAP checks that everything derived from abi/syscalls.tab is current and true
# SPDX-License-Identifier: MIT
#
# usage: check-syscalls.sh KERNEL_SRC WORK_DIR DOC
# Checks: the committed DOC equals a fresh generation; the Linux numbers
# equal <asm/unistd_64.h> (host gcc) and musl's <sys/syscall.h> (musl-gcc)
# at compile time; the generator refuses malformed tables.
set -u
src=$1 work=$2 doc=$3
awkf=$src/tools/gensyscalls.awk
tab=$src/abi/syscalls.tab
n=0
result() {	# result NAME STATUS
	n=$((n + 1))
	if [ "$2" -eq 0 ]; then
		echo "ok $n $1"
	else
		echo "not ok $n $1"
	fi
}
rm -rf "$work" && mkdir -p "$work/gen"
for w in nr table names coverage; do
	ext=h
	[ $w = coverage ] && ext=txt
	awk -v what=$w -f "$awkf" "$tab" >"$work/gen/syscall_$w.$ext"
	result "generate syscall_$w.$ext" $?
done

awk -v what=doc -f "$awkf" "$tab" >"$work/SYSCALL.md"
diff -u "$doc" "$work/SYSCALL.md" >"$work/doc.diff"
st=$?
[ $st -ne 0 ] && { echo "# $doc is stale: run 'make kernel-docs'"; head -20 "$work/doc.diff" | sed 's/^/# /'; }
result "docs/SYSCALL.md matches abi/syscalls.tab" $st

cat >"$work/host_nr.c" <<'C'
#include <asm/unistd_64.h>
#include "syscall_table.h"
#define SAME(nr, name, nargs, status) _Static_assert((nr) == __NR_##name, #name);
LX_SYSCALL_ROWS(SAME)
C
gcc -std=c11 -Wall -Werror -I"$work/gen" -c "$work/host_nr.c" -o "$work/host_nr.o"
result "Linux numbers equal <asm/unistd_64.h>" $?

if command -v musl-gcc >/dev/null; then
	musl-gcc -std=c11 -Wall -Werror -I"$work/gen" -c "$src/tests/unit/abi_musl_nr.c" \
	    -o "$work/musl_nr.o"
	result "Linux numbers equal musl's <sys/syscall.h>" $?
fi

gcc -std=c11 -Wall -Wextra -Werror -DSYSCALL_TABLE_DEFINE -I"$work/gen" -x c -c - \
    -o "$work/table.o" <<'C'
#include "syscall_table.h"
#include "syscall_names.h"
const void *keep[] = { lx_syscall_table, rx_syscall_table, lx_syscall_names, rx_syscall_names };
C
result "generated tables compile with -Wall -Wextra" $?

rejects() {	# rejects NAME ROW...: the generator must fail on a table with these rows
	local name=$1
	shift
	printf '%s\n' "$@" >"$work/bad.tab"
	! awk -v what=nr -f "$awkf" "$work/bad.tab" >/dev/null 2>&1
	result "generator rejects $name" $?
}
rejects "a duplicate number" "0	LX	impl	read	(int fd)" "	doc" "0	LX	impl	write	(int fd)" "	doc"
rejects "a duplicate name" "0	LX	impl	read	(int fd)" "	doc" "1	LX	impl	read	(int fd)" "	doc"
rejects "a native number below 1024" "1000	RX	planned	handle_close	(int h)" "	doc"
rejects "a row without doc text" "0	LX	impl	read	(int fd)"
rejects "an unknown status" "0	LX	maybe	read	(int fd)" "	doc"
rejects "more than six arguments" "0	LX	impl	read	(int a, int b, int c, int d, int e, int f, int g)" "	doc"
exit 0
