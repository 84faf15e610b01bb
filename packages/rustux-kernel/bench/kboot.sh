#!/bin/bash
# kboot.sh - bench-boot-prompt: loader start to the shell prompt, Rustux against Debian's Linux
# SPDX-License-Identifier: MIT
#
#   kboot.sh WORK RUSTUX_KERNEL_CLI BOOTX64.EFI KERNEL_ELF VMLINUZ INITRD [RUNS]
# WORK holds kbwatch (built by rules.mk). INITRD is the live image's initrd
# (init, sh, coreutils, base-files): both kernels boot it, with its own
# /sbin/init as PID 1, to the shell prompt /etc/profile sets (PS1), under
# qemu-system-x86_64 -machine q35,accel=tcg -m 512M (kblib.sh):
#   rustux     OVMF -> rustux-boot -> kernel (rustux-kernel esp + boot), console=serial
#   linuxefi   the same OVMF -> Linux's EFI stub (-kernel/-initrd), console=ttyS0
#   linuxquiet the same, with loglevel=4 (what "quiet" does to the kernel's log;
#              "quiet" itself would also silence the EFI stub's line we time)
#   linux      Linux directly (-kernel/-initrd, SeaBIOS), console=ttyS0
# kbwatch timestamps (host wall clock, from starting QEMU) the loader's first
# line ("rustux-boot: starting", "EFI stub: "), the kernel starting init and the
# prompt, then kills QEMU. RUNS rounds (default 3), kernels interleaved; medians.
# Bench only: nothing here is a pass/fail test.
set -u
. "$(dirname "$0")/kblib.sh"
work=$1 cli=$2 loader=$3 kernel=$4 vmlinuz=$5 initrd=$6 runs=${7:-3}
timeout_s=${KBOOT_TIMEOUT:-120}
kinds="rustux linuxefi linuxquiet linux"
linux_append="console=ttyS0 rdinit=/sbin/init panic=-1"
cd "$work" || exit 1
exec 9>.lock
flock -n 9 || { echo "kboot: another bench-boot-prompt runs in $work" >&2; exit 1; }
rm -f res-*.txt boot-*.log
cp "$initrd" initrd.cpio || exit 1

# The prompt: PS1 from the initrd's /etc/profile, with $PWD as at boot (/).
rm -rf root && mkdir root && (cd root && bsdcpio -id --quiet) <initrd.cpio || exit 1
[ -x root/sbin/init ] || { echo "kboot: the initrd has no /sbin/init" >&2; exit 1; }
prompt=$(sed -n "s/^PS1='\(.*\)'\$/\1/p" root/etc/profile 2>/dev/null | sed 's|\$PWD|/|')
[ -n "$prompt" ] || { echo "kboot: no PS1='...' in the initrd's /etc/profile" >&2; exit 1; }

# Each boot prints kbwatch's "at_ms I N" lines: 0 loader start, 1 init start, 2 prompt.
boot_rustux() {	# LOG
	"$cli" esp --output esp.img --loader "$loader" --kernel "$kernel" \
		--cmdline "console=serial" --initrd initrd.cpio >/dev/null || return 1
	rm -f vars.fd
	./kbwatch -s -m "rustux-boot: starting" -m "RUSTUX: started" -m "$prompt" "$PWD/$1" \
		"$cli" boot --disk esp.img --vars "$PWD/vars.fd" --serial-log "$PWD/$1" \
		--timeout "$timeout_s" 2>/dev/null
}

boot_linuxefi() {	# LOG [EXTRA_APPEND]
	kb_ovmf_args "$PWD/lvars.fd" || return 1
	kb_linux_cmd "$PWD/$1" "$vmlinuz" initrd.cpio "$linux_append${2:+ $2}" "$timeout_s" \
		"${KB_OVMF[@]}"
	./kbwatch -s -m "EFI stub: " -m "Run /sbin/init as init process" -m "$prompt" "$PWD/$1" \
		"${KB_QEMU[@]}" 2>/dev/null
}

boot_linuxquiet() {	# LOG
	boot_linuxefi "$1" loglevel=4
}

boot_linux() {	# LOG: no loader line under SeaBIOS; marker 0 never appears
	kb_linux_cmd "$PWD/$1" "$vmlinuz" initrd.cpio "$linux_append" "$timeout_s"
	./kbwatch -s -m "EFI stub: " -m "Run /sbin/init as init process" -m "$prompt" "$PWD/$1" \
		"${KB_QEMU[@]}" 2>/dev/null
}

# res-KIND.txt gets "key value" lines: host ms (qemu_loader, loader_init,
# init_prompt, loader_prompt, qemu_prompt), and the kernels' own clocks.
record() {	# KIND LOG WATCH_OUTPUT
	local k=$1 log=$2
	echo "$3" | awk '$1 == "at_ms" { t[$2] = $3 }
		function span(a, b) { return (a < 0 || b < 0) ? "-" : b - a }
		END {
			print "qemu_loader", t[0] < 0 ? "-" : t[0]
			print "loader_init", span(t[0], t[1])
			print "init_prompt", span(t[1], t[2])
			print "loader_prompt", span(t[0], t[2])
			print "qemu_prompt", t[2] < 0 ? "-" : t[2]
		}' >>"res-$k.txt"
	if [ "$k" = rustux ]; then
		# The kernel's stamps: guest microseconds since the loader started.
		tr -d '\r' <"$log" | grep -a '^RUSTUX: stamp ' | tr ' ' '\n' |
			awk -F= '$2 ~ /us$/ && $1 != "loader-start" { sub(/us$/, "", $2); print $1, $2 }' |
			sort -u -k1,1 >>"res-$k.txt"
	else
		# Linux's own clock (printk time, starts after decompression) when it runs init.
		tr -d '\r' <"$log" | grep -a 'Run /sbin/init as init' | head -1 |
			sed 's/^\[ *\([0-9.]*\)\].*/\1/' | awk '{ printf "clock_init_ms %d\n", $1 * 1000 }' \
			>>"res-$k.txt"
	fi
}

load0=$(kb_load)
for i in $(seq "$runs"); do
	for k in $kinds; do
		out=$(boot_$k "boot-$k-$i.log") || { echo "kboot: $k: cannot boot" >&2; exit 1; }
		echo "$out" | grep -q '^at_ms 2 -1$' &&
			echo "kboot: $k: no prompt within ${timeout_s}s (see $work/boot-$k-$i.log)" >&2
		record "$k" "boot-$k-$i.log" "$out"
	done
done

m() { kb_med "res-$1.txt" "$2"; }
name_rustux="Rustux (OVMF, rustux-boot)"
name_linuxefi="Linux (OVMF, EFI stub)"
name_linuxquiet="Linux (OVMF, EFI stub, loglevel=4)"
name_linux="Linux (-kernel, SeaBIOS)"
echo "bench-boot-prompt: the live image's initrd (init, sh, coreutils, base-files) to the shell"
echo "  prompt '$prompt' on serial, qemu q35 TCG 512M; median of $runs boots each, interleaved"
echo "  $(date -u '+%Y-%m-%d %H:%M UTC'), $(nproc) CPUs, load average before $load0, after $(kb_load)"
echo "  Linux: $(basename "$vmlinuz") \"$linux_append\"; Rustux: $kernel \"console=serial\""
echo "  host wall ms (each column its own median)"
printf '  %-35s %12s %12s %12s %12s %12s\n' kernel "QEMU->loader" "loader->init" "init->prompt" \
	"loader->prmt" "QEMU->prompt"
for k in $kinds; do
	n="name_$k"
	printf '  %-35s %12s %12s %12s %12s %12s\n' "${!n}" "$(m "$k" qemu_loader)" \
		"$(m "$k" loader_init)" "$(m "$k" init_prompt)" "$(m "$k" loader_prompt)" \
		"$(m "$k" qemu_prompt)"
done
verdict() { awk -v q="$1" 'BEGIN { print (q != "-" && q <= 0.25) ? "met" : "NOT met" }'; }
r=$(m rustux loader_prompt)
q=$(kb_ratio "$r" "$(m linuxefi loader_prompt)")
echo "  ratio Rustux/Linux, loader start -> prompt, both through OVMF: $q (target <= 0.25): $(verdict "$q")"
q=$(kb_ratio "$r" "$(m linuxquiet loader_prompt)")
echo "  the same against Linux with loglevel=4 (quiet): $q (target <= 0.25): $(verdict "$q")"
r=$(m rustux qemu_prompt)
echo "  QEMU start -> prompt (firmware included; not the issue's measure): Rustux/Linux OVMF" \
	"$(kb_ratio "$r" "$(m linuxefi qemu_prompt)"), Rustux/Linux SeaBIOS $(kb_ratio "$r" "$(m linux qemu_prompt)")"
ms() { awk '{ if ($1 == "-") print "-"; else printf "%.1f", $1 / 1000 }'; }
echo "  Rustux stamps, guest ms since loader start: loader-exit $(m rustux loader-exit | ms)," \
	"kernel-entry $(m rustux kernel-entry | ms), ready $(m rustux ready | ms)," \
	"initrd unpacked $(m rustux initrd | ms), devices $(m rustux devices | ms)," \
	"init started $(m rustux init-started | ms)"
echo "  Linux's clock (starts after decompression) at 'Run /sbin/init': OVMF $(m linuxefi clock_init_ms) ms," \
	"SeaBIOS $(m linux clock_init_ms) ms"
