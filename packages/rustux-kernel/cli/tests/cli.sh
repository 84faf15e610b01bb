#!/bin/bash
# cli.sh - smoke tests of the rustux-kernel CLI that need no QEMU (TAP output).
# SPDX-License-Identifier: MIT
#
# usage: cli.sh RUSTUX_KERNEL_CLI LOADER.EFI KERNEL.elf WORKDIR
set -u
cli=$1 loader=$2 kernel=$3 work=$4
n=0
fails=0
export MTOOLS_SKIP_CHECK=1

check() {	# check DESCRIPTION COMMAND...
	local what=$1
	shift
	n=$((n + 1))
	if "$@" >/dev/null 2>&1; then
		echo "ok $n $what"
	else
		echo "not ok $n $what"
		fails=$((fails + 1))
	fi
}

rm -rf "${work:?}"
mkdir -p "$work"
check "version names the CLI" bash -c "'$cli' version | grep -q '^rustux-kernel CLI '"
check "arch status: x86_64 supported, others experimental" bash -c \
	"'$cli' arch status | grep -q '^x86_64.*supported' && '$cli' arch status | grep -q '^arm64 .*experimental' &&
	 '$cli' arch status | grep -q '^riscv64 .*experimental'"
check "features lists the kernel options from options.def" bash -c \
	"'$cli' features | grep -q 'rustux.test'"
check "coverage syscall counts the table" bash -c \
	"'$cli' coverage syscall | grep -Eq '^syscalls: [0-9]+ defined, [0-9]+ implemented'"
check "unknown command exits 2" bash -c "'$cli' frobnicate; [ \$? -eq 2 ]"
check "test without a mode exits 2" bash -c "'$cli' test; [ \$? -eq 2 ]"
check "bad --size is refused" bash -c "'$cli' image --output x --size 12Q; [ \$? -eq 2 ]"
check "unknown --arch is refused" bash -c "'$cli' build --arch sparc; [ \$? -eq 2 ]"
printf 'default b\nfallback a\n' >"$work/loader.conf"
check "esp builds a FAT image" "$cli" esp --output "$work/esp.img" --loader "$loader" \
	--kernel "$kernel" --kernel-b "$kernel" --conf "$work/loader.conf"
check "esp holds the loader" mtype -i "$work/esp.img" ::/EFI/BOOT/BOOTX64.EFI
check "esp holds both slots" bash -c "mdir -b -i '$work/esp.img' ::/EFI/Rustux/slot-a/kernel.elf &&
	mdir -b -i '$work/esp.img' ::/EFI/Rustux/slot-b/kernel.elf"
check "esp holds the given loader.conf" bash -c \
	"mtype -i '$work/esp.img' ::/EFI/Rustux/loader.conf | grep -qx 'default b'"
check "esp kernel is byte-identical" bash -c \
	"mtype -i '$work/esp.img' ::/EFI/Rustux/slot-a/kernel.elf | cmp -s - '$kernel'"
check "esp without --conf writes a loader.conf with the cmdline" bash -c \
	"'$cli' esp --output '$work/esp2.img' --loader '$loader' --kernel '$kernel' --cmdline 'x=1 y' &&
	 mtype -i '$work/esp2.img' ::/EFI/Rustux/loader.conf | grep -qx 'cmdline x=1 y'"
check "missing kernel is reported" bash -c \
	"! '$cli' esp --output '$work/esp3.img' --loader '$loader' --kernel '$work/nope.elf'"
rm -rf "${work:?}"
[ "$fails" -eq 0 ]
