#!/bin/sh
# system.sh - in-system checks of the running Rustica system; TAP.
# SPDX-License-Identifier: MIT
#
# Installed as /usr/lib/rustica/tests/system.sh. On another system (the host)
# the Rustica-only checks report "# SKIP" and pass.
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
skip() {
	T=$((T + 1))
	echo "ok $T $1 # SKIP not on Rustica"
}
rustica=0
grep -q '^ID=rustica$' /etc/os-release 2>/dev/null && rustica=1

check sh_runs "ok" "$(sh -c 'echo ok')"
check tmp_writable 0 "$(touch "${TMPDIR:-/tmp}/system-test.$$" && rm "${TMPDIR:-/tmp}/system-test.$$"; echo $?)"
check proc_self 0 "$(test -r /proc/self/stat; echo $?)"
check uname_nonempty 0 "$(test -n "$(uname -s)"; echo $?)"
check pipeline "3" "$(printf 'a\nb\nc\n' | sort -r | wc -l | tr -d ' ')"
if [ $rustica = 1 ]; then
	check os_release_name 'NAME="Rustica OS"' "$(grep '^NAME=' /etc/os-release)"
	check hostname "rustica" "$(hostname)"
	check uname_n "rustica" "$(uname -n)"
	check pid1_is_init 1 "$(tr '\0' ' ' </proc/1/cmdline | grep -c init)"
	check tmp_mode "1777" "$(stat -c %a /tmp)"
	check bin_sh_exists 0 "$(test -x /bin/sh; echo $?)"
	check inittab 0 "$(test -r /etc/inittab; echo $?)"
else
	for n in os_release_name hostname uname_n pid1_is_init tmp_mode bin_sh_exists inittab; do
		skip $n
	done
fi
echo "# $T tests, $FAILS failed"
[ "$FAILS" -eq 0 ]
