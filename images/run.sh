#!/bin/bash
# run.sh - boot a Rustica disk image in QEMU with OVMF (make run, and the images boot tests).
# SPDX-License-Identifier: MIT
#
# run.sh [--usb | --virtio] [--persist] [--log FILE] [--timeout SECONDS] [--vars FILE] IMAGE
#   Interactive by default: serial console on this terminal, a window when
#   $DISPLAY is set. With --log, the serial console goes to FILE, there is
#   no display, QEMU does not reboot and is killed after --timeout seconds
#   (default 60). --usb attaches the image as a USB stick on an xHCI
#   controller, --virtio as a virtio-blk disk, instead of a plain (AHCI) disk.
#   The image is opened as a snapshot, so a boot never changes it, unless
#   --persist: then the loader's boot counting in loader.conf is kept, as on
#   a real disk. EFI variables live in a copy of OVMF_VARS (--vars FILE keeps
#   one across boots, which the kernel's boot confirmation needs).
#   Exit status: QEMU's (timeout: 124).
set -eu

bus=ahci log="" limit=60 vars="" snap=snapshot=on,
while [ $# -gt 1 ]; do
	case $1 in
	--usb) bus=usb ;;
	--virtio) bus=virtio ;;
	--persist) snap="" ;;
	--log) log=$2; shift ;;
	--timeout) limit=$2; shift ;;
	--vars) vars=$2; shift ;;
	*) echo "run.sh: unknown option $1" >&2; exit 2 ;;
	esac
	shift
done
[ $# -eq 1 ] || { echo "usage: run.sh [--usb | --virtio] [--persist] [--log FILE] [--timeout S] [--vars FILE] IMAGE" >&2; exit 2; }
img=$1
[ -f "$img" ] || { echo "run.sh: $img: no such image (make image-live)" >&2; exit 1; }

code=/usr/share/OVMF/OVMF_CODE_4M.fd
if [ -z "$vars" ]; then
	vars=$(mktemp /tmp/rustica-vars.XXXXXX)
	trap 'rm -f "$vars"' EXIT
fi
[ -s "$vars" ] || cp /usr/share/OVMF/OVMF_VARS_4M.fd "$vars"

args=(-machine q35,accel=tcg -m 512M -no-user-config -nodefaults
	-drive "if=pflash,format=raw,readonly=on,file=$code"
	-drive "if=pflash,format=raw,file=$vars"
	-device isa-debug-exit,iobase=0xf4,iosize=0x04)
case $bus in
usb)	args+=(-drive "if=none,id=stick,format=raw,${snap}file=$img"
		-device qemu-xhci -device usb-storage,drive=stick,removable=on) ;;
virtio)	args+=(-drive "if=virtio,format=raw,${snap}file=$img") ;;
*)	args+=(-drive "format=raw,${snap}file=$img") ;;
esac

if [ -n "$log" ]; then
	args+=(-display none -vga std -serial "file:$log" -no-reboot)
	exec timeout --kill-after=5 "$limit" qemu-system-x86_64 "${args[@]}"
fi
if [ -n "${DISPLAY:-}" ]; then
	args+=(-vga std -serial mon:stdio)
else
	args+=(-display none -vga std -serial mon:stdio)
fi
exec qemu-system-x86_64 "${args[@]}"
