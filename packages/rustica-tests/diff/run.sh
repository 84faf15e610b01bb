#!/bin/sh
# run.sh - check-busybox-diff: the same busybox script as PID 1 under Rustux and Debian's Linux
# SPDX-License-Identifier: MIT
#
# run.sh RK_CLI KERNEL_ELF LOADER_EFI VMLINUZ WORKDIR
# One initrd (Debian's busybox-static and bbdiff.sh); Rustux boots it through the loader
# (OVMF) with init=/bbdiff.sh, Linux directly (-kernel) with rdinit=/bbdiff.sh. The
# output between the markers must be the same, byte for byte (after \r removal).
set -u
RK=$1 KERNEL=$2 LOADER=$3 VMLINUZ=$4 W=$5
D=$(cd "$(dirname "$0")" && pwd)
rm -rf "$W" && mkdir -p "$W/root/bin" || exit 1
trap '[ -n "${KEEP:-}" ] || rm -rf "$W"' EXIT
fail() { echo "not ok 1 busybox_diff_$*"; exit 1; }
[ -r "$VMLINUZ" ] || { echo "not ok 1 busybox_diff: no $VMLINUZ (ci/deps.sh installs linux-image-amd64)"; exit 1; }
cp /bin/busybox "$W/root/bin/busybox" && cp "$D/bbdiff.sh" "$W/root/bbdiff.sh" || fail setup
find "$W/root" -exec touch -h -d @"${SOURCE_DATE_EPOCH:-0}" {} + 2>/dev/null
(cd "$W/root" && find . | LC_ALL=C sort | bsdcpio -o --format newc --quiet >"$W/initrd.cpio") ||
	fail pack
"$RK" esp --output "$W/esp.img" --loader "$LOADER" --kernel "$KERNEL" \
	--cmdline "init=/bbdiff.sh rustux.confirm=0" --initrd "$W/initrd.cpio" \
	--workdir "$W/rk" >"$W/esp.err" 2>&1 || fail esp
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$W/vars.fd" || fail vars
"$RK" boot --disk "$W/esp.img" --timeout 90 --serial-log "$W/rustux.log" --vars "$W/vars.fd" \
	--workdir "$W/rk" >"$W/boot.err" 2>&1
timeout 120 qemu-system-x86_64 -machine q35 -accel tcg -m 512M -nographic -no-reboot \
	-kernel "$VMLINUZ" -initrd "$W/initrd.cpio" \
	-append "console=ttyS0 rdinit=/bbdiff.sh quiet panic=-1" \
	-serial "file:$W/linux.log" -monitor none -display none >/dev/null 2>&1 </dev/null
cut_out() { tr -d '\r' <"$1" | sed 's/.*BBDIFF-BEGIN$/BBDIFF-BEGIN/' | sed -n '/^BBDIFF-BEGIN$/,/^BBDIFF-END$/p'; }
cut_out "$W/rustux.log" >"$W/rustux.out"
cut_out "$W/linux.log" >"$W/linux.out"
n=0
for k in rustux linux; do
	n=$((n + 1))
	if grep -qx BBDIFF-END "$W/$k.out"; then
		echo "ok $n busybox_diff_${k}_ran"
	else
		echo "not ok $n busybox_diff_${k}_ran"
		tr -d '\r' <"$W/$k.log" | tail -n 15 | sed 's/^/# /'
	fi
done
n=$((n + 1))
if [ -s "$W/linux.out" ] && diff -u "$W/linux.out" "$W/rustux.out" >"$W/diff" 2>&1; then
	echo "ok $n busybox_diff_same_output # $(($(wc -l <"$W/linux.out") - 2)) lines"
else
	echo "not ok $n busybox_diff_same_output"
	sed 's/^/# /' "$W/diff" | head -n 40
	exit 1
fi
