#!/bin/sh
# pid1.sh - host test of init as process 1: a PID+UTS+mount namespace chrooted into a staged root; TAP.
# SPDX-License-Identifier: MIT
# usage: pid1.sh ROOT
# The console shell reads its commands from our stdin (the namespace has no
# /dev/console). reboot(2) in a PID namespace ends its init with SIGINT
# (power off) or SIGHUP (restart), which is what we look for.
root=$1
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
boot() {	# boot COMMANDS: runs init as PID 1 with COMMANDS on the console; output + "rc=N"
	printf '%s\n' "$1" | timeout 30 unshare --fork --pid --mount --uts chroot "$root" /sbin/init 2>&1
	echo "rc=$?"
}
# boot_cmdline CMDLINE COMMANDS: as boot, with CMDLINE as the kernel command line
# (a file bind-mounted over /proc/cmdline of the namespace's own /proc).
boot_cmdline() {
	printf '%s\n' "$1" >"$root/tmp/cmdline"
	printf '%s\n' "$2" | timeout 60 unshare --fork --pid --mount --uts sh -c '
		mount -t proc proc "$1/proc" && mount --bind "$1/tmp/cmdline" "$1/proc/cmdline" &&
		exec chroot "$1" /sbin/init' sh "$root" 2>&1
	echo "rc=$?"
}
if ! unshare --fork --pid --mount --uts true 2>/dev/null; then
	for n in pid1_rc pid1_hostname pid1_is_init pid1_poweroff pid1_respawn pid1_reboot \
	    pid1_test_mode_pass pid1_test_mode_summary pid1_test_mode_poweroff pid1_installer; do
		T=$((T + 1))
		echo "ok $T $n # SKIP unshare is not allowed here"
	done
	exit 0
fi
out=$(boot 'echo "host=$(hostname) pid=$$ ppid=$PPID"; poweroff')
check pid1_rc 1 "$(echo "$out" | grep -c '^Welcome to Rustica OS')"
check pid1_hostname 1 "$(echo "$out" | grep -c '^host=rustica ')"
check pid1_is_init 1 "$(echo "$out" | grep -c ' ppid=1$')"
check pid1_poweroff "rc=130" "$(echo "$out" | tail -n 1)"
out=$(boot 'echo first; exit
echo second; poweroff')
check pid1_respawn "first second" "$(echo "$out" | grep -E '^(first|second)$' | tr '\n' ' ' | sed 's/ $//')"
out=$(boot 'reboot')
check pid1_reboot "rc=129" "$(echo "$out" | tail -n 1)"
out=$(boot_cmdline 'console=ttyS0 rustica.test=system,sh' '')
check pid1_test_mode_pass "TEST sh ... PASS TEST system ... PASS" "$(echo "$out" | grep '^TEST' | tr '\n' ' ' | sed 's/ $//')"
check pid1_test_mode_summary 1 "$(echo "$out" | grep -c '^2 passed, 0 failed$')"
check pid1_test_mode_poweroff "rc=130" "$(echo "$out" | tail -n 1)"
printf '#!/bin/sh\necho installer-ran-on-$(hostname)\n' >"$root/sbin/rustica-install"
chmod 755 "$root/sbin/rustica-install"
out=$(boot_cmdline 'rustica.installer=1' 'echo shell-after-installer; poweroff')
rm -f "$root/sbin/rustica-install" "$root/tmp/cmdline"
check pid1_installer "installer-ran-on-rustica shell-after-installer" \
	"$(echo "$out" | grep -E '^(installer-ran|shell-after)' | tr '\n' ' ' | sed 's/ $//')"
echo "# $T tests, $FAILS failed"
[ "$FAILS" -eq 0 ]
