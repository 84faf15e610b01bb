#!/bin/bash
# check.sh - images: tests of rustica-mkimage and the images it writes, TAP lines on stdout.
# SPDX-License-Identifier: MIT
#
# Needs MKIMAGE (the composer binary) and OUT (the build output root).
set -u
: "${MKIMAGE:?}" "${OUT:?}"
TOP=$(cd "$(dirname "$0")/../.." && pwd)
# A directory per run: other people's make check may run this suite at the same time.
T=$OUT/tmp/images/check.$$
rm -rf "$T" && mkdir -p "$T"
export BOOT_LOG_DIR=$T
trap 'rm -rf "$T"' EXIT
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

# compose on a prepared sysroot (no rpg): initrd, ESP, loader.conf, disk, reproducibility.
S=$T/sysroot
mkdir -p "$S/boot/efi/EFI/BOOT" "$S/bin" "$S/etc"
printf 'loader\n' >"$S/boot/efi/EFI/BOOT/BOOTX64.EFI"
printf 'kernel\n' >"$S/boot/kernel.elf"
printf 'shell\n' >"$S/bin/sh"
ln -s sh "$S/bin/ash"
printf 'NAME=Rustica\n' >"$S/etc/os-release"
mkdir -p "$S/var/cache/rpg/repos/0123"
printf 'rpg\n' >"$S/var/cache/rpg/sh-1.0-1.x86_64.rpg"
printf '{}\n' >"$S/var/cache/rpg/repos/0123/index.json"
minisign -G -W -p "$T/test.pub" -s "$T/test.sec" >/dev/null
keyid=$(sed -n '1s/.* //p' "$T/test.pub")
keyid=$(printf '%016s' "$keyid" | tr ' ' 0)	# minisign drops leading zeros
compose() {	# compose OUTDIR WORKDIR [RECIPE]: the live recipe on the prepared sysroot
	SOURCE_DATE_EPOCH=1700000000 "$MKIMAGE" compose "${3:-$TOP/images/live.json}" \
		--repo /nonexistent/repo --repo-url https://example.org/rustica --key "$T/test.pub" \
		--out "$1" --work "$2" --sysroot "$S" --kernel-version 1.2.3-4
}
ok compose_prepared_sysroot compose "$T/c1" "$T/w1"
img=$T/c1/rustica-live.img
off=$("$MKIMAGE" esp-offset "$img" | cut -d' ' -f1)
ok compose_sgdisk_verifies sh -c "sgdisk -v '$img' | grep -q 'No problems found'"
ok compose_fdisk_lists_esp sh -c "fdisk -l '$img' | grep -q 'EFI System'"
ok compose_sha256 sh -c "cd '$T/c1' && sha256sum -c rustica-live.img.sha256"
ok compose_esp_has_loader sh -c "mtype -i '$img@@$off' ::/EFI/BOOT/BOOTX64.EFI | grep -qx loader"
ok compose_esp_kernel_in_slot_a sh -c "mtype -i '$img@@$off' ::/EFI/Rustux/slot-a/kernel.elf | grep -qx kernel"
ok compose_esp_no_slot_b sh -c "! mdir -i '$img@@$off' ::/EFI/Rustux/slot-b"
mtype -i "$img@@$off" ::/EFI/Rustux/loader.conf >"$T/loader.conf" 2>&1
for kv in 'default a' 'fallback a' 'tries 3' 'slot-a-state confirmed' 'slot-a-version 1.2.3-4' \
	'cmdline console=ttyS0,115200 console=tty0'; do
	ok "compose_loader_conf_${kv// /_}" grep -qx "$kv" "$T/loader.conf"
done
mcopy -i "$img@@$off" ::/EFI/Rustux/initrd "$T/initrd"
bsdcpio -it <"$T/initrd" >"$T/initrd.list" 2>/dev/null
ok compose_initrd_lists_sysroot grep -qx bin/sh "$T/initrd.list"
ok compose_initrd_has_key grep -qx "etc/rpg/keys/$keyid.pub" "$T/initrd.list"
ok compose_initrd_without_boot sh -c "! grep -q '^boot' '$T/initrd.list'"
ok compose_initrd_without_package_cache sh -c "! grep -q '\\.rpg\$' '$T/initrd.list'"
ok compose_initrd_keeps_index_cache grep -qx var/cache/rpg/repos/0123/index.json "$T/initrd.list"
ok compose_initrd_sorted sh -c "sort -c '$T/initrd.list'"
ok compose_initrd_owner_root sh -c "bsdcpio -itvn <'$T/initrd' 2>/dev/null | awk '\$3 != 0 || \$4 != 0 { exit 1 }'"
ok compose_initrd_is_newc sh -c "head -c 6 '$T/initrd' | grep -qx 070701"
ok compose_repos_names_url sh -c "bsdtar -xOf '$T/initrd' etc/rpg/repos | grep -qx https://example.org/rustica"
touch "$S/bin/sh"	# a newer mtime must not leak into the image
compose "$T/c2" "$T/w2" >/dev/null 2>&1
ok compose_reproducible cmp "$img" "$T/c2/rustica-live.img"
ok compose_fsck_fat sh -c "dd if='$img' of='$T/esp.fat' bs=1M skip=1 count=64 2>/dev/null && fsck.fat -n '$T/esp.fat'"
ok compose_installer_recipe compose "$T/c3" "$T/w3" "$TOP/images/installer.json"
ok compose_installer_label sh -c "mdir -i '$T/c3/rustica-installer.img@@$off' ::/ | grep -q 'RUSTICA-INS'"
printf '{ "include": "live.json", "colour": "red" }' >"$T/bad.json"
cp "$TOP/images/live.json" "$T/live.json"
ok recipe_rejects_unknown_key sh -c "! '$MKIMAGE' compose '$T/bad.json' --repo /x --key '$T/test.pub' --out '$T/c4' --sysroot '$S' 2>'$T/err' && grep -q colour '$T/err'"
printf '{ "include": "nothere.json" }' >"$T/bad2.json"
ok recipe_rejects_missing_include sh -c "! '$MKIMAGE' compose '$T/bad2.json' --repo /x --key '$T/test.pub' --out '$T/c4' --sysroot '$S' 2>/dev/null"
rm "$S/boot/efi/EFI/BOOT/BOOTX64.EFI"
ok compose_refuses_missing_loader sh -c "! SOURCE_DATE_EPOCH=0 '$MKIMAGE' compose '$TOP/images/live.json' --repo /x --key '$T/test.pub' --out '$T/c5' --work '$T/w5' --sysroot '$S' 2>'$T/err' && grep -q BOOTX64 '$T/err' && [ ! -e '$T/c5/rustica-live.img' ]"

# rpg --image's ESP backend, on a copy of the composed image; the image must stay valid.
cp "$img" "$T/rw.img"
"${ESPIMG_TEST:?}" "$T/rw.img" "$T/zero.img" 2>&1
ok espimg_image_still_verifies sh -c "sgdisk -v '$T/rw.img' | grep -q 'No problems found'"
ok espimg_fat_still_clean sh -c "dd if='$T/rw.img' of='$T/rw.fat' bs=1M skip=1 count=64 2>/dev/null && fsck.fat -n '$T/rw.fat'"

# repo/publish.sh: verify, then switch DEST atomically; refuse a tampered index.
R=$T/repo
mkdir -p "$R"
printf '{"serial": 1, "packages": []}\n' >"$R/index.json"
printf 'package bytes\n' >"$R/hello-1.0-1.x86_64.rpg"
minisign -S -s "$T/test.sec" -m "$R/index.json" >/dev/null 2>&1
export RPG=true	# the fake package is not a real .rpg: skip rpg verify here
ok publish_first "$TOP/repo/publish.sh" -p "$T/test.pub" "$R" "$T/www/repo"
ok publish_dest_is_snapshot_link sh -c "[ -L '$T/www/repo' ] && cmp '$R/index.json' '$T/www/repo/index.json' && [ -f '$T/www/repo/hello-1.0-1.x86_64.rpg' ]"
first=$(readlink "$T/www/repo")
printf '{"serial": 2, "packages": []}\n' >"$R/index.json"
minisign -S -s "$T/test.sec" -m "$R/index.json" >/dev/null 2>&1
ok publish_second "$TOP/repo/publish.sh" -p "$T/test.pub" "$R" "$T/www/repo"
ok publish_switched_snapshot sh -c "[ \"\$(readlink '$T/www/repo')\" != '$first' ] && grep -q '\"serial\": 2' '$T/www/repo/index.json'"
printf '{"serial": 3, "packages": []}\n' >"$R/index.json"	# not re-signed
ok publish_refuses_bad_signature sh -c "! '$TOP/repo/publish.sh' -p '$T/test.pub' '$R' '$T/www/repo' 2>/dev/null && grep -q '\"serial\": 2' '$T/www/repo/index.json'"
mkdir -p "$T/www/plain"
minisign -S -s "$T/test.sec" -m "$R/index.json" >/dev/null 2>&1
ok publish_into_plain_dir sh -c "'$TOP/repo/publish.sh' -p '$T/test.pub' '$R' '$T/www/plain' >/dev/null && cmp '$R/index.json' '$T/www/plain/index.json' && ! ls -A '$T/www/plain' | grep -q tmp"
unset RPG

# Boots: the real loader (BOOT_EFI) with the loader's test kernel (FIXTURE_KERNEL)
# in a composed image, as a plain disk and as a USB stick; the loader must hand
# over with the initrd and the command line, and the kernel must start.
if [ -n "${BOOT_EFI:-}" ] && [ -f "$BOOT_EFI" ] && [ -f "${FIXTURE_KERNEL:-}" ]; then
	F=$T/fixture
	mkdir -p "$F/sys/boot/efi/EFI/BOOT" "$F/sys/etc"
	cp "$BOOT_EFI" "$F/sys/boot/efi/EFI/BOOT/BOOTX64.EFI"
	cp "$FIXTURE_KERNEL" "$F/sys/boot/kernel.elf"
	printf 'NAME=Rustica\n' >"$F/sys/etc/os-release"
	SOURCE_DATE_EPOCH=1700000000 "$MKIMAGE" compose "$TOP/images/live.json" --repo /x \
		--key "$T/test.pub" --out "$F/o" --work "$F/w" --sysroot "$F/sys" \
		--kernel-version 0.1.0-1 >/dev/null 2>&1
	for how in disk usb; do
		KERNEL_MARK='fixture: hello' "$TOP/images/tests/boot.sh" "fixture-$how" \
			"$F/o/rustica-live.img" $([ $how = usb ] && echo --usb)
		log=$T/images-boot-fixture-$how.serial
		ok "boot_fixture_${how}_initrd_handed_over" grep -aq 'fixture: .*initrd [1-9]' "$log"
		ok "boot_fixture_${how}_cmdline_handed_over" grep -aq 'fixture: cmdline console=ttyS0' "$log"
	done
else
	echo "# fixture boot tests skipped: no loader (BOOT_EFI) or test kernel (FIXTURE_KERNEL)"
fi
