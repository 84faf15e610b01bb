#!/bin/sh
# bench-boot.sh - kernel: boot-time and size figures for make bench (never part of make check)
# SPDX-License-Identifier: MIT
#
#   bench-boot.sh RUSTUX_KERNEL_CLI KERNEL_ELF WORKDIR [RUNS]
# Boots the self-tests RUNS times (default 5) through OVMF and rustux-boot
# and prints the median of each span of the kernel's "RUSTUX: stamp" lines,
# in guest microseconds on the calibrated TSC, plus the ELF's size.
set -eu
cli=$1
elf=$2
work=$3
runs=${4:-5}
mkdir -p "$work"
: >"$work/stamps"
for i in $(seq "$runs"); do
	for console in serial "serial,fb"; do
		"$cli" test --qemu --no-build --timeout 120 --workdir "$work/run" \
			--cmdline "console=$console" >/dev/null 2>&1 || true
		# One record per boot: both stamp lines (ready, tests-done) joined.
		if grep -aq '^RUSTUX: stamp .*tests-done=' "$work/run/serial.log"; then
			echo "$console $(grep -a '^RUSTUX: stamp ' "$work/run/serial.log" | tr '\n' ' ')" \
				>>"$work/stamps"
		fi
	done
done
median() {
	sort -n | awk '{ v[NR] = $1 } END { if (NR == 0) print "n/a"; else print v[int((NR + 1) / 2)] }'
}
span() {	# span CONSOLE FROM TO
	grep "^$1 " "$work/stamps" | while read -r line; do
		echo "$line" | tr ' ' '\n' | awk -F= -v a="$2" -v b="$3" '
			$1 == a { x = $2 + 0 } $1 == b { y = $2 + 0 } END { print y - x }'
	done | median
}
echo "rustux-kernel boot benchmark: median of $runs OVMF/TCG boots, guest microseconds (TSC)"
for c in serial "serial,fb"; do
	echo "  console=$c:"
	echo "    loader start -> loader exit (before ExitBootServices): $(span "$c" loader-start loader-exit)"
	echo "    loader exit -> kernel entry (ExitBootServices, jump):   $(span "$c" loader-exit kernel-entry)"
	echo "    kernel entry -> ready (mm, consoles, ACPI, clocks):     $(span "$c" kernel-entry ready)"
	echo "    ready -> self-tests done:                               $(span "$c" ready tests-done)"
	echo "    kernel entry -> self-tests done:                        $(span "$c" kernel-entry tests-done)"
	echo "    loader start -> self-tests done:                        $(span "$c" loader-start tests-done)"
done
echo "  kernel ELF: $(wc -c <"$elf") bytes (target: under 262144)"
