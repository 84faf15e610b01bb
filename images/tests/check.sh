#!/bin/bash
# check.sh - images: tests of rustica-mkimage and the images it writes, TAP lines on stdout.
# SPDX-License-Identifier: MIT
#
# Needs MKIMAGE (the composer binary) and OUT (the build output root).
set -u
: "${MKIMAGE:?}" "${OUT:?}"
T=$OUT/tmp/images/check
rm -rf "$T" && mkdir -p "$T"
n=0
ok() {	# ok NAME COMMAND...: one TAP line for the command's exit status
	local name=$1
	shift
	n=$((n + 1))
	if "$@" >"$T/last.log" 2>&1; then
		echo "ok $n images_$name"
	else
		echo "not ok $n images_$name"
		sed 's/^/# /' "$T/last.log" | tail -n 20
	fi
}

# gpt tool mode: wrap a FAT image, then let sgdisk and fdisk judge the result.
mkfs.fat --invariant -i 12345678 -n ESPTEST -F 32 -C "$T/esp.img" $((40 * 1024)) >/dev/null
ok gpt_wraps_fat "$MKIMAGE" gpt --esp "$T/esp.img" --out "$T/disk.img"
ok gpt_sgdisk_verifies sh -c "sgdisk -v '$T/disk.img' | grep -q 'No problems found'"
ok gpt_fdisk_sees_efi_system sh -c "fdisk -l '$T/disk.img' | grep -q '2048 .* EFI System'"
ok gpt_esp_type_guid sh -c "sgdisk -i 1 '$T/disk.img' | grep -q 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B'"
ok gpt_sha256_file sh -c "cd '$T' && sha256sum -c disk.img.sha256"
ok gpt_esp_offset sh -c "[ \"\$('$MKIMAGE' esp-offset '$T/disk.img')\" = '1048576 41943040' ]"
ok gpt_esp_is_the_fat bash -c "cmp '$T/esp.img' <(tail -c +1048577 '$T/disk.img' | head -c 41943040)"
ok gpt_esp_readable_by_mtools mdir -i "$T/disk.img@@1048576" ::/
"$MKIMAGE" gpt --esp "$T/esp.img" --out "$T/disk2.img"
ok gpt_same_input_same_bytes cmp "$T/disk.img" "$T/disk2.img"
"$MKIMAGE" gpt --esp "$T/esp.img" --out "$T/disk3.img" --seed other
ok gpt_seed_changes_guids sh -c "! cmp -s '$T/disk.img' '$T/disk3.img'"
"$MKIMAGE" gpt --esp "$T/esp.img" --out "$T/big.img" --size $((128 * 1024 * 1024))
ok gpt_sized_disk_verifies sh -c "sgdisk -v '$T/big.img' | grep -q 'No problems found'"
head -c 100000 /dev/zero >"$T/zero.img"
ok gpt_esp_offset_rejects_blank sh -c "! '$MKIMAGE' esp-offset '$T/zero.img'"
ok gpt_refuses_odd_sized_fat sh -c "head -c 1000 /dev/zero >'$T/odd.img' && ! '$MKIMAGE' gpt --esp '$T/odd.img' --out '$T/x.img' && [ ! -e '$T/x.img' ]"
