#!/bin/sh
# blk.sh - check-install-virtio part 1: /dev/vda sector I/O on Rustux in QEMU, TAP out
# SPDX-License-Identifier: MIT
#
# blk.sh TOP KERNEL_ELF LOADER_EFI RK_CLI WORKDIR
# Boots the kernel with init=/test/blktest (blktest.c, static musl) and a
# blank 256 MiB raw virtio-blk disk carrying a fresh GPT (partition 1 at
# LBA 2048), turns the serial log's "BLKTEST ok|not ok" lines into TAP,
# then checks on the host that the guest's marker write reached the disk.
set -u
TOP=$1 KERNEL=$2 LOADER=$3 RK=$4 W=$5
SRC=$TOP/packages/rustux-kernel/drivers/tests
rm -rf "$W" && mkdir -p "$W/root/test" "$W/root/dev" || exit 1
fail() { echo "not ok 1 blk: $*"; exit 1; }

# A private copy: a concurrent package build may empty the kernel's output folder.
cp "$KERNEL" "$W/kernel.elf" || fail "no kernel at $KERNEL"
musl-gcc -static -O2 -Wall -o "$W/root/test/blktest" "$SRC/blktest.c" || fail "build blktest"
find "$W/root" -exec touch -h -d @"${SOURCE_DATE_EPOCH:-0}" {} + 2>/dev/null
(cd "$W/root" && find . | LC_ALL=C sort | bsdcpio -o --format newc --quiet >"$W/initrd.cpio") ||
	fail "pack initrd"
"$RK" esp --output "$W/esp.img" --loader "$LOADER" --kernel "$W/kernel.elf" \
	--cmdline "init=/test/blktest rustux.confirm=0" \
	--initrd "$W/initrd.cpio" --workdir "$W/rk" >"$W/esp.err" 2>&1 ||
	{ sed 's/^/# /' "$W/esp.err"; fail "build ESP"; }
truncate -s 256M "$W/disk.img" || fail "create disk"
printf 'label: gpt\nstart=2048, size=65536, type=linux\n' |
	sfdisk --quiet "$W/disk.img" >/dev/null 2>&1 || fail "partition disk"
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$W/vars.fd" || fail "copy OVMF variables"
timeout --kill-after=5 120 qemu-system-x86_64 -machine q35,accel=tcg -m 512M \
	-no-user-config -nodefaults \
	-drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
	-drive "if=pflash,format=raw,file=$W/vars.fd" \
	-drive "format=raw,file=$W/esp.img" \
	-drive "if=virtio,format=raw,file=$W/disk.img" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-display none -no-reboot -net none -serial "file:$W/serial.log" -monitor none \
	>"$W/qemu.err" 2>&1
st=$?
[ -s "$W/serial.log" ] || { sed 's/^/# /' "$W/qemu.err"; fail "boot: no serial log (status $st)"; }
tr -d '\r' <"$W/serial.log" >"$W/serial.txt"
awk -v st="$st" -v logfile="$W/serial.log" -v count="$W/count" '
	/^BLKTEST ok / { n++; print "ok " n " blk_" $3 }
	/^BLKTEST not ok / { n++; print "not ok " n " blk_" $4; bad = 1 }
	/^RUSTUX: init exited with status 0/ { clean = 1 }
	END {
		n++
		if (clean) print "ok " n " blk_guest_finished"
		else { print "not ok " n " blk_guest_finished (status " st ", log " logfile ")"; bad = 1 }
		print n >count
		exit bad
	}' "$W/serial.txt"
rc=$?
n=$(( $(cat "$W/count") + 1 ))
if dd if="$W/disk.img" bs=1M skip=3 count=1 2>/dev/null | grep -q RUSTUX-BLKTEST-MARKER; then
	echo "ok $n blk_marker_on_host_disk"
else
	echo "not ok $n blk_marker_on_host_disk"; rc=1
fi
[ $rc -eq 0 ] && rm -rf "$W"
exit $rc
