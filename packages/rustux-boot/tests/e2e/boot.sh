#!/bin/bash
# boot.sh - slots-e2e: boot a disk image in QEMU + OVMF for real and run uname -r on its serial shell.
# SPDX-License-Identifier: MIT
#
# boot.sh IMAGE VARS LOG LIMIT
#   Boots IMAGE as a plain disk WITHOUT a snapshot (the loader's writes to
#   loader.conf must stay), EFI variables in the writable copy VARS (kept
#   across the boots of one scenario: that is where the kernel's
#   RustuxBootConfirm lands), the serial console to LOG. When the shell
#   prompt shows it types `echo E2E-UNAME=$(uname -r)=END` and, once that
#   line came back, `poweroff`. Guest reboots are followed (a kernel that
#   panics with panic=reboot goes back through the loader, which counts its
#   tries), so one run may hold several boots. QEMU is killed after LIMIT
#   seconds, 3 s after a poweroff that does not end it, and at once when
#   the loader has no slot left or the firmware falls into its shell.
#   Exit status: 0 when the uname line was seen, 1 otherwise.
set -u
img=$1 vars=$2 log=$3 limit=$4
prompt='rustica:.*[#$] '
fifo=$log.in

rm -f "$fifo" "$log"
mkfifo "$fifo" && : >"$log" || exit 1
exec 3<>"$fifo"	# read-write: never blocks, keeps QEMU's stdin open
setsid timeout --kill-after=5 "$limit" qemu-system-x86_64 \
	-machine q35,accel=tcg -m 256M -no-user-config -nodefaults -display none \
	-drive "if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd" \
	-drive "if=pflash,format=raw,file=$vars" \
	-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
	-drive "format=raw,file=$img" \
	-chardev stdio,id=ser,signal=off -serial chardev:ser \
	<"$fifo" >"$log" 2>&1 &
pid=$!

state=wait_prompt off_at=0
for ((i = 0; i < limit * 4; i++)); do
	kill -0 "$pid" 2>/dev/null || break
	case $state in
	wait_prompt)
		if grep -aqE "$prompt" "$log"; then
			printf 'echo E2E-UNAME=$(uname -r)=END\n' >&3
			state=wait_uname
		fi ;;
	wait_uname)
		if grep -aqE 'E2E-UNAME=[^$=]+=END' "$log"; then
			printf 'poweroff\n' >&3
			state=off off_at=$i
		fi ;;
	off)
		[ $((i - off_at)) -lt 12 ] || break ;;
	esac
	grep -aqE 'no slot left to boot|Shell> ' "$log" && break
	sleep 0.25
done
kill -- -"$pid" 2>/dev/null
wait "$pid" 2>/dev/null
exec 3>&-
rm -f "$fifo"
grep -aqE 'E2E-UNAME=[^$=]+=END' "$log"
