#!/bin/sh
# ports.sh - kernel: build the experimental arm64 and riscv64 ports and boot each to its "hello"
# SPDX-License-Identifier: MIT
#
#   ports.sh KERNEL_SRC BUILD_DIR     TAP lines, one build and one boot per port
set -u
src=$1
out=$2
n=0
rc=0
mkdir -p "$out"
tap() {
	n=$((n + 1))
	if [ "$1" -eq 0 ]; then echo "ok $n $2"; else echo "not ok $n $2"; rc=1; fi
}
for arch in arm64 riscv64; do
	make -s -C "$src" ARCH=$arch O="$out" >"$out/$arch-build.log" 2>&1
	tap $? "$arch port builds"
	case $arch in
	arm64)	set -- qemu-system-aarch64 -M virt -cpu cortex-a57 ;;
	riscv64) set -- qemu-system-riscv64 -M virt -bios default ;;
	esac
	timeout 30 "$@" -m 128M -nographic -monitor none -no-reboot \
		-kernel "$out/$arch/kernel.elf" >"$out/$arch-serial.log" 2>&1
	status=$?
	grep -q "^RUSTUX: hello from $arch" "$out/$arch-serial.log"
	tap $? "$arch port prints hello on the virt UART"
	tap $status "$arch port powers the machine off (status $status)"
done
exit $rc
