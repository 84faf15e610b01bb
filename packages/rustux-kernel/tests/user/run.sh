#!/bin/sh
# run.sh - check-kernel-user: static musl test programs in an initrd, one QEMU boot, TAP out
# SPDX-License-Identifier: MIT
#
# run.sh TOP KERNEL_ELF LOADER_EFI RK_CLI WORKDIR
# Builds tests/user/*.c with musl-gcc -static, E's sh and coreutils and
# Debian's busybox-static into /bin, packs a newc initrd (bsdcpio, sorted, mtimes clamped), boots with
# init=/test/usertest rustux.schedtest=1 and turns the serial log's
# "TEST name ... PASS|FAIL" lines into TAP. PID 1 exiting with status 0
# powers the guest off with the pass status.
set -u
TOP=$1 KERNEL=$2 LOADER=$3 RK=$4 W=$5
SRC=$TOP/packages/rustux-kernel/tests/user
rm -rf "$W" && mkdir -p "$W/root/test" "$W/root/bin" "$W/root/sbin" || exit 1
W=$(cd "$W" && pwd)	# absolute: the package Makefiles below run in other folders
fail() { echo "not ok 1 $*"; exit 1; }

for p in hello usertest threads; do
	musl-gcc -static -pthread -O2 -Wall -Wno-array-bounds -o "$W/root/test/$p" "$SRC/$p.c" ||
		fail "build $p"
done
printf 'rustux initrd\n' >"$W/root/test/data.txt"
printf '#!/bin/sh\necho "script ran with $1"\nexit 5\n' >"$W/root/test/script.sh"
chmod 755 "$W/root/test/script.sh"
make -s -C "$TOP/packages/sh" O="$W/sh" DESTDIR="$W/sh-root" install >/dev/null ||
	fail "build sh"
make -s -C "$TOP/packages/coreutils" O="$W/cu" DESTDIR="$W/cu-root" install >/dev/null ||
	fail "build coreutils"
cp -a "$W/sh-root/bin/." "$W/cu-root/bin/." "$W/root/bin/" || fail "copy sh, coreutils"
cp /bin/busybox "$W/root/bin/busybox" || fail "copy Debian's busybox-static"
find "$W/root" -exec touch -h -d @"${SOURCE_DATE_EPOCH:-0}" {} + 2>/dev/null
(cd "$W/root" && find . | LC_ALL=C sort | bsdcpio -o --format newc --quiet >"$W/initrd.cpio") ||
	fail "pack initrd"
"$RK" esp --output "$W/esp.img" --loader "$LOADER" --kernel "$KERNEL" \
	--cmdline "init=/test/usertest rustux.schedtest=1 rustux.confirm=0" \
	--initrd "$W/initrd.cpio" --workdir "$W/rk" >"$W/esp.err" 2>&1 ||
	{ sed 's/^/# /' "$W/esp.err"; fail "build ESP"; }
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$W/vars.fd" || fail "copy OVMF variables"
"$RK" boot --disk "$W/esp.img" --timeout 90 --serial-log "$W/serial.log" \
	--vars "$W/vars.fd" --workdir "$W/rk" >"$W/boot.err" 2>&1
st=$?
if [ ! -s "$W/serial.log" ]; then
	sed 's/^/# /' "$W/boot.err"
	fail "boot: no serial log (status $st)"
fi
awk -v st="$st" '
	{ gsub(/\r/, "") }
	/^TEST .* \.\.\. (PASS|FAIL)/ {
		n++; name = $2
		if ($NF == "PASS" || $4 == "PASS") print "ok " n " " name
		else { print "not ok " n " " name; bad = 1 }
	}
	/^RUSTUX: init exited with status 0/ { clean = 1 }
	/^RESULT / { result = 1 }
	END {
		n++
		if (clean && result && st == 0) print "ok " n " usertest ran to the end, guest powered off with pass"
		else { print "not ok " n " usertest did not finish cleanly (boot status " st ", log " ENVIRON["LOG"] ")"; bad = 1 }
		exit bad
	}' LOG="$W/serial.log" "$W/serial.log"
