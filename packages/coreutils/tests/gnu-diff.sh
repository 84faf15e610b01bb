#!/bin/sh
# gnu-diff.sh - host-only differential tests: our tools against Debian's GNU coreutils/grep; TAP.
# SPDX-License-Identifier: MIT
# usage: gnu-diff.sh OUR-BIN-DIR SCRATCHDIR
# Only cases where POSIX fixes the output (and GNU follows it) are compared.
ours=$1
d=$2
T=0
FAILS=0
rm -rf "$d" && mkdir -p "$d" && cd "$d" || exit 1
printf 'pear 3\napple 10\nfig 2\napple 10\nbanana 1\n\nCherry 7\n' >fruit
printf 'a:b:c\n1:2:3\nno delimiter\n::\n' >colon
printf 'no final newline' >nonl
seq 1 1000 >nums
cmp_tool() {	# cmp_tool NAME TOOL ARGS...: same stdout and status from ours and GNU
	name=$1
	shift
	tool=$1
	shift
	T=$((T + 1))
	a=$(LC_ALL=C "$ours/$tool" "$@" 2>/dev/null; echo "status=$?")
	b=$(LC_ALL=C env "PATH=/usr/bin:/bin" "$tool" "$@" 2>/dev/null; echo "status=$?")
	if [ "$a" = "$b" ]; then
		echo "ok $T gnu_$name"
	else
		echo "not ok $T gnu_$name"
		printf '#   ours: [%s]\n#   gnu:  [%s]\n' "$a" "$b" | head -n 10
		FAILS=$((FAILS + 1))
	fi
}
cmp_stdin() {	# cmp_stdin NAME FILE TOOL ARGS...: as cmp_tool with FILE on stdin
	name=$1
	f=$2
	shift 2
	tool=$1
	shift
	T=$((T + 1))
	a=$(LC_ALL=C "$ours/$tool" "$@" <"$f" 2>/dev/null; echo "status=$?")
	b=$(LC_ALL=C env "PATH=/usr/bin:/bin" "$tool" "$@" <"$f" 2>/dev/null; echo "status=$?")
	if [ "$a" = "$b" ]; then
		echo "ok $T gnu_$name"
	else
		echo "not ok $T gnu_$name"
		printf '#   ours: [%s]\n#   gnu:  [%s]\n' "$a" "$b" | head -n 10
		FAILS=$((FAILS + 1))
	fi
}
cmp_tool cat cat fruit nonl colon
cmp_tool head head -n 3 fruit
cmp_tool head_multi head -n 1 fruit colon
cmp_tool tail tail -n 2 fruit
cmp_tool tail_plus tail -n +4 fruit
cmp_tool tail_nonl tail -n 1 nonl
cmp_tool head_c head -c 7 fruit
cmp_tool tail_c tail -c 9 fruit
cmp_tool tail_c_plus tail -c +20 fruit
cmp_tool head_c_multi head -c 3 fruit colon
cmp_tool wc wc fruit colon nonl
cmp_tool wc_l wc -l nums
cmp_tool sort sort fruit
cmp_tool sort_r sort -r fruit
cmp_tool sort_n sort -n -k 2 fruit
cmp_tool sort_u sort -u fruit
cmp_tool sort_t sort -t : -k 2 colon
cmp_tool sort_k_range sort -k 2,2n fruit
cmp_tool sort_k_two sort -k 2,2nr -k 1,1 fruit
cmp_tool sort_k_u sort -u -k 1,1 fruit
cmp_tool sort_f sort -f fruit
cmp_tool sort_t_k3 sort -t : -k 3,3 -k 1,1r colon
cmp_tool uniq uniq fruit
cmp_tool uniq_c uniq -c fruit
cmp_tool cut_f cut -d : -f 2 colon
cmp_tool cut_f_s cut -d : -f 1,3 -s colon
cmp_tool cut_c cut -c 2-4 fruit
cmp_tool seq seq 5 3 30
cmp_tool seq_neg seq -3 2 3
cmp_tool seq_w seq -w 98 101
cmp_tool seq_s seq -s , 1 5
cmp_tool basename basename /usr/lib/libc.so .so
cmp_tool dirname dirname /usr/lib/
cmp_tool grep grep -n apple fruit
cmp_tool grep_c grep -c p fruit
cmp_tool grep_v grep -v a fruit
cmp_tool grep_i grep -i cherry fruit
cmp_tool grep_E grep -E '^(fig|pear) ' fruit
cmp_tool grep_none grep zzz fruit
cmp_tool grep_files grep -l 1 fruit colon nums
cmp_tool grep_w grep -w 10 fruit nums
cmp_tool grep_x grep -x 'apple 10' fruit
cmp_tool grep_o grep -o 'p[a-z]' fruit
cmp_tool grep_on grep -onE '[0-9]+' fruit
cmp_tool grep_ow grep -ow '[a-z]*' colon
cmp_tool grep_c_v_x grep -cvx '' fruit
cmp_tool ls ls -a
cmp_tool ls_1 ls -1 .
cmp_tool ls_S ls -S
cmp_tool ls_r ls -r
cmp_tool ls_t ls -t
cmp_tool ls_rS ls -rS
cmp_tool echo echo -n "a  b" c
cmp_tool printf printf '%5s|%-3d|%x|%c\n' ab 7 255 xyz
cmp_tool printf_reuse printf '%s=%s\n' a 1 b 2 c
cmp_stdin tr fruit tr a-z A-Z
cmp_stdin tr_d fruit tr -d aeiou
cmp_stdin tr_s fruit tr -s 'p '
cmp_stdin wc_stdin fruit wc
cmp_tool wc_lc wc -l -c fruit nums
cmp_tool wc_w wc -w fruit colon
cmp_stdin sort_stdin fruit sort -f
cmp_stdin uniq_d fruit uniq -d
cmp_tool date date -u -d @86400 '+%Y-%m-%d %H:%M:%S %a %j'
cmp_tool stat_c stat -c '%s %a %F' fruit
cmp_tool du_s du -s nums
cd / && rm -rf "$d"
echo "# $T tests, $FAILS failed"
[ "$FAILS" -eq 0 ]
