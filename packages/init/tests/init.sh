#!/bin/sh
# init.sh - host tests of init: the test runner, inittab and command-line handling; TAP.
# SPDX-License-Identifier: MIT
# usage: init.sh INIT-BINARY SCRATCHDIR SRCDIR
init=$1
d=$2
src=$3
T=0
FAILS=0
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
rm -rf "$d" && mkdir -p "$d/t" || exit 1
printf 'echo pass-out\nexit 0\n' >"$d/t/pass.sh"
printf 'echo fail-out\nexit 1\n' >"$d/t/fail.sh"
printf 'sleep 30\n' >"$d/t/hang.sh"
printf 'not a test\n' >"$d/t/readme.txt"

out=$(TMPDIR=$d "$init" --run-tests "$d/t" all --timeout 1)
st=$?
check runner_status 1 "$st"
check runner_pass_line 1 "$(echo "$out" | grep -c '^TEST pass \.\.\. PASS$')"
check runner_fail_line 1 "$(echo "$out" | grep -c '^TEST fail \.\.\. FAIL$')"
check runner_timeout 1 "$(echo "$out" | grep -c '^TEST hang \.\.\. FAIL$')"
check runner_shows_failed_output 1 "$(echo "$out" | grep -c '^fail-out$')"
check runner_hides_passed_output 0 "$(echo "$out" | grep -c '^pass-out$')"
check runner_summary "1 passed, 2 failed" "$(echo "$out" | tail -n 1)"
check runner_sorted "fail hang pass" "$(echo "$out" | grep '^TEST' | cut -d ' ' -f 2 | tr '\n' ' ' | sed 's/ $//')"
check runner_selection "1 passed, 0 failed" "$(TMPDIR=$d "$init" --run-tests "$d/t" pass | tail -n 1)"
check runner_selection_status 0 "$(TMPDIR=$d "$init" --run-tests "$d/t" pass >/dev/null; echo $?)"
check runner_no_match 1 "$(TMPDIR=$d "$init" --run-tests "$d/t" nothing >/dev/null; echo $?)"
check runner_no_dir 1 "$("$init" --run-tests "$d/none" all >/dev/null; echo $?)"
check runner_logs_removed 0 "$(ls "$d" | grep -c rustica-test)"

check cmdline_all "all" "$("$init" --cmdline 'console=ttyS0 rustica.test=all')"
check cmdline_bare "all" "$("$init" --cmdline 'rustica.test quiet')"
check cmdline_list "sh,coreutils" "$("$init" --cmdline 'x rustica.test=sh,coreutils y')"
check cmdline_absent 1 "$("$init" --cmdline 'console=ttyS0' >/dev/null; echo $?)"
check inittab_shipped "respawn /dev/console /bin/sh [-sh]" "$("$init" --inittab "$src/etc/inittab")"
printf 'bogus line\n' >"$d/bad"
check inittab_bad 1 "$("$init" --inittab "$d/bad" 2>/dev/null; echo $?)"
check not_pid1 1 "$("$init" 2>/dev/null; echo $?)"
check not_pid1_message 1 "$("$init" 2>&1 | grep -c 'must be run as process 1')"
check help 0 "$("$init" --help >/dev/null; echo $?)"
rm -rf "$d"
echo "# $T tests, $FAILS failed"
[ "$FAILS" -eq 0 ]
