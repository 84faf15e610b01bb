#!/bin/sh
# sh.sh - behaviour tests of the shell: case scripts against expected output, plus inline checks; TAP.
# SPDX-License-Identifier: MIT
#
# usage: sh.sh [CASEDIR]   (default: cases/ or sh-cases/ beside this script)
# Runs on the host (PATH = the host build of sh and coreutils, see rules.mk)
# and in-system under init (PATH=/bin). Each CASEDIR/NAME.sh runs with `sh`;
# its stdout plus "exit=STATUS" must equal NAME.out (made with dash; see README).
here=${0%/*}
dir=${1:-$here/cases}
[ -d "$dir" ] || dir=$here/sh-cases
T=0
FAILS=0
tmp=${TMPDIR:-/tmp}/sh-test.$$
mkdir -p "$tmp" || exit 1
check() {	# check NAME EXPECTED ACTUAL
	T=$((T + 1))
	if [ "$2" = "$3" ]; then
		echo "ok $T $1"
	else
		echo "not ok $T $1"
		printf '#   expected: [%s]\n#   got:      [%s]\n' "$2" "$3"
		FAILS=$((FAILS + 1))
	fi
}

for c in "$dir"/*.sh; do
	name=${c##*/}
	name=${name%.sh}
	(cd "$tmp" && TMPDIR=$tmp sh "$c") >"$tmp/out" 2>"$tmp/err"
	echo "exit=$?" >>"$tmp/out"
	check "case_$name" "$(cat "${c%.sh}.out")" "$(cat "$tmp/out")"
done

# invocation
check c_option "hi" "$(sh -c 'echo hi')"
check c_args "n a b 2" "$(sh -c 'echo $0 $1 $2 $#' n a b)"
check c_status 3 "$(sh -c 'exit 3'; echo $?)"
check syntax_error_status 2 "$(sh -c 'if' 2>/dev/null; echo $?)"
check syntax_error_message 1 "$(sh -c 'fi' 2>&1 | grep -c 'syntax error')"
check not_found_message 1 "$(sh -c 'no-such-cmd-x' 2>&1 | grep -c 'no-such-cmd-x: not found')"
check help 0 "$(sh --help >/dev/null; echo $?)"
check noexec "" "$(sh -n -c 'echo should-not-run')"
check noexec_syntax 2 "$(sh -n -c 'if then' 2>/dev/null; echo $?)"
printf 'echo "script $1"\n' >"$tmp/s.sh"
check script_file "script arg" "$(sh "$tmp/s.sh" arg)"
printf '#!/bin/sh\necho shebang\n' >"$tmp/x"
chmod 755 "$tmp/x"
check shebang "shebang" "$("$tmp/x")"
printf 'echo no-shebang $#\n' >"$tmp/y"
chmod 755 "$tmp/y"
check enoexec_runs_as_script "no-shebang 2" "$("$tmp/y" a b)"
check stdin_script "from stdin" "$(echo 'echo from stdin' | sh)"
check stdin_multiline "1 2" "$(printf 'for i in 1 2\ndo\necho $i\ndone\n' | sh | tr '\n' ' ' | cut -c 1-3)"
check stdin_read_shares "got rest" "$(printf 'read x\nrest\necho got $x\n' | sh)"

# pipelines, jobs, exec
check pipe_status 1 "$(sh -c 'true | false'; echo $?)"
check pipe_long "3" "$(echo a b c | tr ' ' '\n' | sort | uniq | wc -l | tr -d ' ')"
check bang_pipe 0 "$(sh -c '! false | false'; echo $?)"
check bg_wait "x" "$(sh -c 'echo x > '"$tmp"'/bg & wait; cat '"$tmp"'/bg')"
check bg_pid 1 "$(sh -c 'sleep 0 & echo $!' | grep -c '^[0-9][0-9]*$')"
check wait_status 7 "$(sh -c '(exit 7) & wait $!; echo $?')"
check exec_replaces "replaced" "$(sh -c 'exec echo replaced; echo not')"
check exec_redirect "into" "$(sh -c 'exec >'"$tmp"'/e; echo into'; cat "$tmp/e")"
check set_x "+ echo traced" "$(sh -c 'set -x; echo traced' 2>&1 >/dev/null)"
check set_e_exit "1" "$(sh -c 'set -e; false; echo no'; echo $?)"
check subshell_isolated "outer" "$(sh -c 'v=outer; (v=inner); echo $v')"
check cmdsubst_status 3 "$(sh -c 'x=$(exit 3); echo $?')"
check glob_dir 2 "$(cd "$tmp" && mkdir -p g && touch g/a1 g/a2 && sh -c 'echo g/a*' | wc -w | tr -d ' ')"
check long_heredoc 2000 "$(seq 2000 >"$tmp/big"
printf 'cat <<END\n' >"$tmp/h.sh"; cat "$tmp/big" >>"$tmp/h.sh"; echo END >>"$tmp/h.sh"
sh "$tmp/h.sh" | wc -l | tr -d ' ')"
check alias_expands "long: a b c" "$(sh -c "alias ll='echo long:'
ll a 'b c'")"
check alias_no_loop "E: x" "$(sh -c "alias echo='echo E:'
echo x")"
check alias_list "ll='ls -l'" "$(sh -c "alias ll='ls -l'; alias")"
check unalias "gone" "$(sh -c "alias ll='echo no'; unalias ll
ll 2>/dev/null || echo gone")"
check alias_redirect "r" "$(sh -c "alias o='echo r'
o >$tmp/al; cat $tmp/al")"
check trap_exit "bye" "$(sh -c 'trap "echo bye" EXIT; true')"
check trap_signal "caught" "$(sh -c 'trap "echo caught" USR1; kill -USR1 $$; true')"
check deep_recursion "50" "$(sh -c 'f() { if [ $1 -lt 50 ]; then f $(($1 + 1)); else echo $1; fi; }; f 0')"
check interactive_flag "i" "$(echo 'case $- in *i*) echo i;; esac' | sh -i 2>/dev/null)"

cd / && rm -rf "$tmp"
echo "# $T tests, $FAILS failed"
[ "$FAILS" -eq 0 ]
