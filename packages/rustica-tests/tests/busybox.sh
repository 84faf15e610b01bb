#!/bin/sh
# busybox.sh - rustica-tests: Debian's unmodified busybox-static applets on Rustux
# SPDX-License-Identifier: MIT
# Skips (passes) when the package was built without /bin/busybox on the build host.
B=/usr/libexec/rustica-tests/busybox
if [ ! -x "$B" ]; then
	echo "# no busybox in this image: skipped"
	exit 0
fi
T=/tmp/busybox-test.$$
fails=0
check() {	# check NAME EXPECTED ACTUAL
	if [ "$2" = "$3" ]; then
		echo "ok $1"
	else
		echo "FAIL $1: expected [$2] got [$3]"
		fails=$((fails + 1))
	fi
}
$B rm -rf "$T"
$B mkdir -p "$T/d"
check uname_s Rustux "$($B uname -s)"
check uname_m x86_64 "$($B uname -m)"
check echo "a b" "$($B echo a b)"
check sh_pipeline 42 "$($B sh -c 'x=$((6*7)); echo $x | cat')"
printf 'pear\napple\nfig\n' >"$T/fruit"
check sort "apple fig pear" "$($B sort "$T/fruit" | $B tr '\n' ' ' | $B sed 's/ $//')"
check wc_l 3 "$($B wc -l <"$T/fruit")"
check grep apple "$($B grep app "$T/fruit")"
echo 1 >"$T/d/one"
$B touch "$T/d/touched"
check touch_creates 0 "$($B test -f "$T/d/touched"; echo $?)"
$B rm -f "$T/d/touched"
$B cp "$T/fruit" "$T/d/two"
$B mv "$T/d/two" "$T/d/three"
check ls "one three" "$($B ls "$T/d" | $B tr '\n' ' ' | $B sed 's/ $//')"
check find "$T/d/one" "$($B find "$T/d" -name one)"
$B rm "$T/d/one"
check rm three "$($B ls "$T/d")"
check ps_has_init 1 "$($B ps | $B awk '$1 == 1 { print $1 }')"
check dmesg_has_kernel 1 "$($B dmesg | $B grep -c 'RUSTUX: kernel')"
check date_year 1 "$($B date +%Y | $B grep -c '^[0-9][0-9][0-9][0-9]$')"
check ulimit_n_s "1024 8192" "$($B sh -c 'echo $(ulimit -n) $(ulimit -s)')"
check ulimit_n_set 64 "$($B sh -c "ulimit -n 64; $B sh -c 'ulimit -n'")"
$B sleep 0
check sleep 0 "$?"
$B sh -c 'sleep 5' &
pid=$!
$B kill "$pid"
wait "$pid"
check kill 143 "$?"
check readlink_self_exe "$B" "$($B readlink /proc/self/exe)"
check ls_l_proc_fd 1 "$($B ls -l /proc/self/fd/ 3</proc/version | $B grep -c -- ' 3 -> /proc/version$')"
check maps_stack 1 "$($B cat /proc/self/maps | $B grep -c ' \[stack\]$')"
check maps_format 0 "$($B cat /proc/self/maps |
	$B grep -cvE '^[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} [0-9]+ ')"
check maps_exe 1 "$($B cat /proc/self/maps | $B grep -c "r-xp .* $B\$")"
check maps_exe_inode "$($B stat -c %i "$B")" \
	"$($B cat /proc/self/maps | $B awk -v b="$B" '$2 == "r-xp" && $6 == b { print $5 }')"
$B rm -rf "$T"
echo "# $fails failed"
[ "$fails" -eq 0 ]
