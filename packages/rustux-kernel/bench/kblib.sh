# kblib.sh - sourced by kbench.sh and kboot.sh: the QEMU lines for Linux, medians, ratios
# SPDX-License-Identifier: MIT
#
# Both benches boot every kernel under the same QEMU: q35, TCG, 512 MiB,
# default CPU model, isa-debug-exit, no display, no network, serial to a
# file. Rustux's line lives in its CLI (rustux-kernel boot); Linux's here.

KB_OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
KB_OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd

# Sets KB_QEMU to the command that boots Debian's Linux (to run under kbwatch).
kb_linux_cmd() {	# LOG VMLINUZ INITRD APPEND TIMEOUT_S [QEMU_ARG...]
	local log=$1 vmlinuz=$2 initrd=$3 append=$4 t=$5
	shift 5
	KB_QEMU=(timeout "$t" qemu-system-x86_64 -machine q35,accel=tcg -m 512M "$@"
		-kernel "$vmlinuz" -initrd "$initrd" -append "$append"
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 -display none -no-reboot
		-net none -serial "file:$log" -monitor none)
}

# Sets KB_OVMF to the pflash drives Rustux's CLI uses (a fresh copy of the vars).
kb_ovmf_args() {	# VARS_COPY
	cp "$KB_OVMF_VARS" "$1" || return 1
	KB_OVMF=(-drive "if=pflash,format=raw,readonly=on,file=$KB_OVMF_CODE"
		-drive "if=pflash,format=raw,file=$1")
}

kb_med() {	# FILE KEY -> median of the values recorded as "KEY value" ("-" if none)
	awk -v k="$2" '$1 == k && $2 != "-" { print $2 }' "$1" 2>/dev/null | sort -n |
		awk '{ v[NR] = $1 } END { if (NR == 0) print "-"; else print v[int((NR + 1) / 2)] }'
}

kb_ratio() {	# A B -> A/B with two decimals, or "-"
	awk -v a="$1" -v b="$2" 'BEGIN { if (a == "-" || b == "-" || b == 0) print "-"; else printf "%.2f", a / b }'
}

kb_load() {	# the 1, 5 and 15 minute load averages
	cut -d' ' -f1-3 /proc/loadavg
}
