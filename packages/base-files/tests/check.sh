#!/bin/sh
# check.sh - base-files tests: install into a scratch DESTDIR and check the tree.
# SPDX-License-Identifier: MIT
# usage: check.sh SRCDIR SCRATCHDIR
set -u
src=$1
d=$2
n=0
t() {	# t NAME COMMAND...: one TAP line
	n=$((n + 1))
	name=$1
	shift
	if "$@" >/dev/null 2>&1; then echo "ok $n $name"; else echo "not ok $n $name"; fi
}
rm -rf "$d" && mkdir -p "$d"
t install make -s -C "$src" DESTDIR="$d" install
mode() { [ "$(stat -c %a "$d/$1")" = "$2" ]; }
t tmp_is_1777 mode tmp 1777
t var_tmp_is_1777 mode var/tmp 1777
t root_is_700 mode root 700
t rc_is_755 mode etc/rc 755
for x in bin sbin etc etc/rpg dev proc usr/lib var; do
	t "dir_$x" test -d "$d/$x"
done
t os_release_name grep -qx 'NAME="Rustica OS"' "$d/etc/os-release"
t os_release_id grep -qx 'ID=rustica' "$d/etc/os-release"
t os_release_version grep -qx 'VERSION_ID=0.1' "$d/etc/os-release"
t os_release_pretty grep -q '^PRETTY_NAME=' "$d/etc/os-release"
t hostname test "$(cat "$d/etc/hostname")" = rustica
t passwd_root grep -q '^root:x:0:0:' "$d/etc/passwd"
t group_root grep -q '^root:x:0:' "$d/etc/group"
t profile_ps1 grep -q '^PS1=' "$d/etc/profile"
t rc_parses sh -n "$d/etc/rc"
t profile_parses sh -n "$d/etc/profile"
rm -rf "$d"
