#!/bin/bash
# bench.sh - images: time a clean, a no-op and a one-file-change `make image-live`; image size.
# SPDX-License-Identifier: MIT
#
# Everything is built in a separate output tree (BENCH_OUT, default
# out/bench), so the figures are from scratch and the shared out/ is left
# alone: "clean" is rpg, every package, the repository and the image. Prints
# one "bench images ..." line per figure. Never part of make check.
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
