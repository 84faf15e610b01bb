#!/bin/bash
# bench.sh - images: time a clean, a no-op and a one-file-change `make image-live`; image size.
# SPDX-License-Identifier: MIT
#
# Everything is built in a separate output tree (BENCH_OUT, default
# out/bench), so the figures are from scratch and the shared out/ is left
# alone: "clean" is rpg, every package, the repository and the image. Prints
# one "bench images ..." line per figure, then the boot time of the image.
# Never part of make check.
set -eu
cd "$(dirname "$0")/../.."
out=${BENCH_OUT:-$PWD/out/bench}
img=$out/images/rustica-live.img
secs() {	# secs COMMAND...: run it quietly, print the wall time in seconds
	local t0 t1
	t0=$(date +%s.%N)
	"$@" >/dev/null 2>&1
	t1=$(date +%s.%N)
	awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.2f\n", b - a }'
}
rm -rf "$out"
echo "bench images clean_make_image_live_s=$(secs make OUT="$out" image-live)"
echo "bench images noop_make_image_live_s=$(secs make OUT="$out" image-live)"
src=$(git ls-files 'packages/coreutils/*.c' | head -n 1)
if [ -n "$src" ]; then
	touch "$src"
	echo "bench images one_coreutils_file_make_image_live_s=$(secs make OUT="$out" image-live) ($src)"
fi
echo "bench images image_bytes=$(stat -c %s "$img") allocated_kib=$(du -k "$img" | cut -f1)"
off=$("$out/host/bin/rustica-mkimage" esp-offset "$img" | cut -d' ' -f1)
echo "bench images initrd_bytes=$(MTOOLS_SKIP_CHECK=1 mdir -i "$img@@$off" ::/EFI/Rustux/initrd | awk '/initrd/ { print $2; exit }')"

# Boot time of the live image under TCG, split at the serial markers: each
# figure is the wall time from QEMU's start until the marker's first appearance
# (polled every 50 ms). A marker that never shows within the limit is "-".
log=$out/bench-boot.serial
: >"$log"
setsid images/run.sh --log "$log" --timeout 60 "$img" </dev/null >/dev/null 2>&1 &
pid=$!
t0=$(date +%s%N)
names=(loader_start kernel_entry kernel_ready init_start shell_prompt)
marks=('rustux-boot: starting' 'RUSTUX: kernel' 'RUSTUX: (idle|started /sbin/init)' \
	'^(init: |Welcome to Rustica)' '^rustica:.*[#$] ')
declare -A at
for ((i = 0; i < 1200; i++)); do
	for k in "${!names[@]}"; do
		if [ -z "${at[$k]:-}" ] && grep -aqE "${marks[$k]}" "$log"; then
			at[$k]=$((($(date +%s%N) - t0) / 1000000))
		fi
	done
	[ -n "${at[4]:-}" ] && break
	# A kernel that idles for 15 s without starting init will not get further.
	if [ -n "${at[2]:-}" ] && [ -z "${at[3]:-}" ] &&
		[ $((($(date +%s%N) - t0) / 1000000 - at[2])) -gt 15000 ]; then
		break
	fi
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.05
done
kill -- -"$pid" 2>/dev/null || true
wait "$pid" 2>/dev/null || true
line="bench images boot_ms"
for k in "${!names[@]}"; do
	line="$line ${names[$k]}=${at[$k]:--}"
done
echo "$line"
grep -a 'RUSTUX: stamp' "$log" | sed 's/^/bench images kernel_/' || true
