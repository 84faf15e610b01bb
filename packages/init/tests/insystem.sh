#!/bin/sh
# insystem.sh - stages a root with the four userland packages and runs its in-system suite and PID-1 tests; TAP.
# SPDX-License-Identifier: MIT
# usage: insystem.sh TOP OUT
# The root goes to a fresh directory per run (OUT/tmp/init/root.PID), so two
# `make check` runs sharing out/ do not trample each other; it is removed at the end.
top=$1
out=$2
root=$out/tmp/init/root.$$
rm -rf "$root" && mkdir -p "$root/tmp" || exit 1
for p in base-files coreutils sh init; do
	o=
	[ $p = base-files ] || o="O=$out/build/$p-musl"
	# shellcheck disable=SC2086
	make -s -C "$top/packages/$p" $o DESTDIR="$root" install >/dev/null || {
		echo "not ok - stage_$p"
		exit 1
	}
done
echo "ok - stage_root"
log=$root/insystem.log
(cd "$root/tmp" && timeout 600 env -i PATH="$root/bin:$root/sbin" TMPDIR="$root/tmp" \
	"$root/sbin/init" --run-tests "$root/usr/lib/rustica/tests" all) >"$log" 2>&1
sed -n 's/^TEST \(.*\) \.\.\. PASS$/ok - insystem_\1/p; s/^TEST \(.*\) \.\.\. FAIL$/not ok - insystem_\1/p' "$log"
if grep -q '^[0-9]* passed, 0 failed$' "$log"; then
	echo "ok - insystem_summary"
else
	echo "not ok - insystem_summary"
	cat "$log"
fi
sh "$top/packages/init/tests/pid1.sh" "$root"
st=$?
rm -rf "$root"
exit $st
