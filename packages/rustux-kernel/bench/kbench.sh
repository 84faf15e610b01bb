#!/bin/bash
# kbench.sh - bench-kernel-linux: kbench on Rustux and on Debian's Linux in the same QEMU, side by side
# SPDX-License-Identifier: MIT
#
#   kbench.sh WORK RUSTUX_KERNEL_CLI BOOTX64.EFI KERNEL_ELF VMLINUZ [RUNS]
# WORK holds kbench, kbench-true and kbwatch (built by rules.mk). Both kernels
# boot the same newc initrd (/bench/...) with kbench as PID 1 under
# qemu-system-x86_64 -machine q35,accel=tcg -m 512M (default CPU model):
# Rustux through OVMF and rustux-boot (its only way in), Linux directly with
# -kernel/-initrd (SeaBIOS). RUNS boots of each (default 3); medians printed.
# The Linux boot is repeated through OVMF (QEMU's -kernel under OVMF) for a
# boot-time comparison with the same firmware.
# Bench only: nothing here is a pass/fail test.
set -u
. "$(dirname "$0")/kblib.sh"
work=$1 cli=$2 loader=$3 kernel=$4 vmlinuz=$5 runs=${6:-3}
timeout_s=${KBENCH_TIMEOUT:-150}
tests="null_syscall pipe_roundtrip fork_exit_wait fork_exec_wait mmap_touch_1mib read_4kib"
skip=""
cd "$work" || exit 1
exec 9>.lock
flock -n 9 || { echo "kbench: another bench-kernel-linux runs in $work" >&2; exit 1; }
rm -f res-*.txt rustux-*.log linux-*.log linuxefi-*.log

# The initrd: /bench/{kbench,kbench-true,data,skip}, sorted, mtimes clamped.
mkinitrd() {
	rm -rf root && mkdir -p root/bench || return 1
	cp kbench kbench-true root/bench/ || return 1
	head -c 16384 /dev/zero | tr '\0' 'k' >root/bench/data
	[ -n "$skip" ] && echo "$skip" >root/bench/skip
	find root -exec touch -h -d "@${SOURCE_DATE_EPOCH:-0}" {} +
	(cd root && find . -mindepth 1 | LC_ALL=C sort | bsdcpio -o -H newc --quiet) >initrd.cpio
}

boot_rustux() {	# LOG: writes the serial log, prints kbwatch's lines
	"$cli" esp --output esp.img --loader "$loader" --kernel "$kernel" \
		--cmdline "console=serial init=/bench/kbench" --initrd initrd.cpio >/dev/null || return 1
	./kbwatch -m "KBENCH start" -m "rustux-boot: starting" "$PWD/$1" "$cli" boot --disk esp.img --vars "$PWD/vars.fd" \
		--serial-log "$PWD/$1" --timeout "$timeout_s" 2>/dev/null
}

boot_linux() {	# LOG [QEMU_ARG...]
	local log=$1
	shift
	kb_linux_cmd "$PWD/$log" "$vmlinuz" initrd.cpio "console=ttyS0 rdinit=/bench/kbench panic=-1" \
		"$timeout_s" "$@"
	./kbwatch -m "KBENCH start" -m "EFI stub: " "$PWD/$log" "${KB_QEMU[@]}" 2>/dev/null
}

# The same Linux through OVMF (its loader hands -kernel to the EFI stub): same firmware as Rustux.
boot_linuxefi() {	# LOG
	kb_ovmf_args "$PWD/lvars.fd" || return 1
	boot_linux "$1" "${KB_OVMF[@]}"
}

# Records "KERNEL key value" lines in res-KERNEL.txt from one boot's log and watch output.
record() {	# KERNEL LOG WATCH_OUTPUT
	local k=$1 log=$2 first
	first=$(echo "$3" | awk '$1 == "at_ms" && $2 == 0 { print $3 }')
	echo "boot_ms $first" >>"res-$k.txt"
	# Loader start (its first line on serial) -> kbench's first line, host ms; "-" without a loader.
	echo "$3" | awk '$1 == "at_ms" { t[$2] = $3 }
		END { print "loader_first_ms", (t[0] < 0 || t[1] < 0) ? "-" : t[0] - t[1] }' >>"res-$k.txt"
	tr -d '\r' <"$log" | awk '$1 == "BENCH" && $3 ~ /^[0-9]+$/ { print $2, $3 }' >>"res-$k.txt"
	if [ "$k" = rustux ]; then
		tr -d '\r' <"$log" | grep -a 'RUSTUX: stamp .*ready=' | head -1 | tr ' ' '\n' |
			awk -F= '$1 == "firmware" { sub(/ms/, "", $2); print "fw_ms", $2 }
			$1 == "kernel-entry" { sub(/us/, "", $2); print "loader_us", $2; e = $2 }
			$1 == "ready" { sub(/us/, "", $2); print "kernel_us", $2 - e; print "ready_us", $2 }' \
			>>"res-$k.txt"
	else
		# Linux's own clock (printk time) when it starts init; the rest is firmware + decompression.
		tr -d '\r' <"$log" | grep -a 'Run /bench/kbench as init' | head -1 |
			sed 's/^\[ *\([0-9.]*\)\].*/\1/' | awk '{ printf "kernel_us %d\n", $1 * 1000000 }' \
			>>"res-$k.txt"
	fi
}

# A test that hangs on a kernel ends the boot by timeout: skip it and boot again.
hung_test() {	# LOG -> the first test without a BENCH line, if the run did not finish
	tr -d '\r' <"$1" | grep -aq 'KBENCH done' && return 0
	for t in $tests; do
		tr -d '\r' <"$1" | grep -aq "^BENCH $t " || { echo "$t"; return 0; }
	done
}

mkinitrd || exit 1
load0=$(kb_load)
hung=""
for i in $(seq "$runs"); do
	for k in rustux linux linuxefi; do
		while :; do
			out=$(boot_$k "$k-$i.log") || { echo "kbench: $k: cannot boot" >&2; exit 1; }
			h=$(hung_test "$k-$i.log")
			[ -z "$h" ] && break
			echo "kbench: $k: $h did not finish within ${timeout_s}s: skipping it on both kernels" >&2
			hung="$hung $k:$h"
			skip="$skip $h"
			mkinitrd || exit 1
			rm -f res-*.txt	# the runs so far ran a different set: start over
		done
		record "$k" "$k-$i.log" "$out"
		tr -d '\r' <"$k-$i.log" | grep -a 'BENCH .*error' | sed "s/^/kbench: $k: /" >&2
	done
done

med() { kb_med "$@"; }
ratio() { kb_ratio "$@"; }

echo "bench-kernel-linux: kbench as PID 1, same initrd, qemu q35 TCG 512M; median of $runs boots each"
echo "  $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average before $load0, after $(kb_load)"
echo "  Linux: $(basename "$vmlinuz"); Rustux: $kernel"
printf '  %-18s %12s %12s %8s  %-22s %s\n' test "Rustux ns/op" "Linux ns/op" ratio target met
for t in $tests; do
	r=$(med res-rustux.txt "$t") l=$(med res-linux.txt "$t") q=$(ratio "$r" "$l")
	target="< 1.00 (faster)" lim=1
	[ "$t" = fork_exec_wait ] && target="<= 0.50 (half)" lim=0.5
	met=$(awk -v q="$q" -v m="$lim" 'BEGIN { if (q == "-") print "n/a"; else if ((m == 1 && q < 1) || (m != 1 && q <= m)) print "met"; else print "NOT met" }')
	case " $skip " in *" $t "*) met="hung on $(echo "$hung" | tr ' ' '\n' | grep ":$t\$" | cut -d: -f1 | head -1): skipped";; esac
	printf '  %-18s %12s %12s %8s  %-22s %s\n' "$t" "$r" "$l" "$q" "$target" "$met"
done
rb=$(med res-rustux.txt boot_ms) lb=$(med res-linux.txt boot_ms)
rfw=$(med res-rustux.txt fw_ms) rl=$(med res-rustux.txt loader_us) rk=$(med res-rustux.txt kernel_us)
rr=$(med res-rustux.txt ready_us) lk=$(med res-linux.txt kernel_us)
echo "  boot, QEMU start -> kbench's first line (host wall ms, median):"
echo "    Rustux (OVMF): total $rb ms = firmware $rfw ms (loader's stamp) + loader $((${rl:-0} / 1000)) ms" \
	"+ kernel $((${rk:-0} / 1000)) ms (entry -> ready) + the rest (initrd, PID 1, QEMU/host)"
echo "    Linux (direct -kernel, SeaBIOS): total $lb ms = kernel clock to 'Run init' $((${lk:-0} / 1000)) ms" \
	"+ firmware, decompression, QEMU/host $(( ${lb:-0} - ${lk:-0} / 1000 )) ms"
eb=$(med res-linuxefi.txt boot_ms) ek=$(med res-linuxefi.txt kernel_us)
echo "    Linux (OVMF, -kernel via the EFI stub): total $eb ms = kernel clock to 'Run init' $((${ek:-0} / 1000)) ms" \
	"+ firmware, EFI stub, decompression, QEMU/host $(( ${eb:-0} - ${ek:-0} / 1000 )) ms"
verdict() { awk -v q="$1" 'BEGIN { print (q != "-" && q <= 0.25) ? "met" : "NOT met" }'; }
bq=$(ratio "$rb" "$eb")
echo "    ratio Rustux/Linux from QEMU start, both through OVMF: $bq (firmware included: not the issue's measure)"
bq=$(ratio "$rb" "$lb")
echo "    ratio Rustux (OVMF)/Linux (direct, no UEFI) from QEMU start: $bq (firmware included: not the issue's measure)"
rfl=$(med res-rustux.txt loader_first_ms) efl=$(med res-linuxefi.txt loader_first_ms)
bq=$(ratio "$rfl" "$efl")
echo "    loader start ('rustux-boot: starting', 'EFI stub: ' on serial) -> first line, both through OVMF:" \
	"Rustux $rfl ms, Linux $efl ms: ratio $bq (target <= 0.25): $(verdict "$bq")"
echo "    (the whole boot to the shell prompt of the live initrd: make bench-boot-prompt)"
