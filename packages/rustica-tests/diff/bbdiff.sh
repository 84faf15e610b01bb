#!/bin/busybox sh
# bbdiff.sh - rustica-tests: busybox applet outputs, run as PID 1 under Rustux and under Linux
# SPDX-License-Identifier: MIT
# Prints the outputs between BBDIFF-BEGIN and BBDIFF-END on the serial port;
# diff/run.sh compares the two kernels' copies. Only applets whose output must
# not depend on the kernel are listed.
B=/bin/busybox
$B mkdir -p /dev /proc /tmp
$B mount -t devtmpfs dev /dev 2>/dev/null
$B mount -t proc proc /proc 2>/dev/null
exec </dev/null >/dev/ttyS0 2>&1
cd /tmp || exit 1
echo BBDIFF-BEGIN
$B echo "echo: a  b" c
$B printf 'printf: %s %05d %x\n' str 42 255
printf 'pear\napple\nfig\napple\n' >fruit
$B sort fruit
$B sort -u fruit
$B sort -r fruit | $B uniq -c
$B wc fruit
$B wc -l <fruit
$B grep -n app fruit
$B grep -c -v app fruit
$B cut -c1-3 fruit
$B tr a-z A-Z <fruit
$B sed 's/p/P/g' fruit
$B awk '{ n += length($0) } END { print "awk:", NR, n }' fruit
$B head -n 2 fruit
$B tail -n 1 fruit
$B seq 3 7
$B expr 6 \* 7
$B basename /usr/lib/rustica/tests/x.sh .sh
$B dirname /usr/lib/rustica/tests/x.sh
$B mkdir -p d/e
echo one >d/one
$B cp d/one d/two
$B mv d/two d/three
$B ln -s one d/link
$B ls d
$B ls -a d
$B find d | $B sort
$B readlink d/link
$B cat d/one d/three
$B stat -c '%n %s %F' d/one; $B stat -c '%n %F' d/e
$B touch d/new
$B ls d
$B rm -r d
$B ls
$B sh -c 'x=$((6*7)); echo "sh: $x"; for i in 1 2; do echo "loop $i"; done; false || echo "or"'
$B sh -c 'echo piped | cat | wc -c'
$B sh -c 'exit 3'
echo "status $?"
$B test -d /proc && echo "proc dir"
$B sleep 0 && echo slept
$B cat /proc/self/stat | $B cut -d' ' -f2,3
$B readlink /proc/self/fd/0
$B readlink /proc/self/fd/2
$B ls /proc/self/fd | $B tr '\n' ' '; echo
$B sh -c 'cd /tmp && readlink /proc/$$/cwd'
# The text line of /proc/self/maps names the program and its inode.
[ "$($B cat /proc/self/maps | $B awk -v b=$B '$2 == "r-xp" && $6 == b { print $5 }')" = \
	"$($B stat -c %i $B)" ] && echo "maps: the text line is $B's"
$B uname -m
$B dmesg | $B head -n 1 | $B grep -c .
$B kill -0 $$ && echo "kill: self alive"
$B sh -c 'kill -TERM $$; echo unreached'
echo "kill status $?"
$B sh -c 'sleep 5 & kill $!; wait $!; echo "killed child: $?"'
# PID 1's line without its state (R or S by a hair), the script's name as its comm; the rest of the
# list differs by kernel threads and by how far the pipeline's children have got.
$B ps -o pid,args | $B awk '$1 == 1'
# The wall clock (the RTC's date on both kernels; wrong only across New Year's midnight)
# and a sleep that really sleeps (glibc's sleep is clock_nanosleep; only a lower bound: slowness never fails it).
$B date -u +'date: year %Y'
s=$($B date +%s); $B sleep 2; e=$($B date +%s)
[ $((e - s)) -ge 2 ] && echo "sleep: at least 2 s passed" || echo "sleep: only $((e - s)) s"
echo BBDIFF-END
$B sync
$B poweroff -f
