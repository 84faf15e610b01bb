#!/bin/bash
# live.sh - images: tests of the real live image (make image-live), TAP lines on stdout.
# SPDX-License-Identifier: MIT
#
# Needs MKIMAGE, RPG, OUT and KEY (the signing public key); run after make image-live.
# Composes the live recipe twice more from the same repository into two
# fresh directories and compares the bytes, validates the image with
# sgdisk/fdisk/mtools/bsdcpio, then boots it as a plain disk, a USB stick and
# a virtio disk.
set -u
: "${MKIMAGE:?}" "${RPG:?}" "${OUT:?}" "${KEY:?}"
top=$(cd "$(dirname "$0")/../.." && pwd)
T=$OUT/tmp/images/live.$$	# per run: others may run the suite at the same time
img=$OUT/images/rustica-live.img
rm -rf "$T" && mkdir -p "$T"
trap 'rm -rf "$T"' EXIT
n=0
ok() {	# ok NAME COMMAND...
	local name=$1
	shift
	n=$((n + 1))
	if "$@" >"$T/last.log" 2>&1; then
		echo "ok $n images_live_$name"
	else
		echo "not ok $n images_live_$name"
		sed 's/^/# /' "$T/last.log" | tail -n 20
	fi
}
compose() {	# compose DIR: the live recipe from out/repo into DIR
	"$MKIMAGE" compose "$top/images/live.json" --repo "$OUT/repo" \
		--repo-url "${REPO_URL:-file://$OUT/repo}" --key "$KEY" --rpg "$RPG" \
		--out "$1" --work "$1/work" ${IMAGES_COMPOSE_FLAGS:-}
}
ok compose_first compose "$T/a"
ok compose_second compose "$T/b"
ok reproducible cmp "$T/a/rustica-live.img" "$T/b/rustica-live.img"
ok same_as_make_image_live cmp "$img" "$T/a/rustica-live.img"
ok sha256 sh -c "cd '$OUT/images' && sha256sum -c rustica-live.img.sha256"
ok sgdisk_verifies sh -c "sgdisk -v '$img' | grep -q 'No problems found'"
ok fdisk_lists_esp sh -c "fdisk -l '$img' | grep -q 'EFI System'"
off=$("$MKIMAGE" esp-offset "$img" | cut -d' ' -f1)
export MTOOLS_SKIP_CHECK=1
mdir -/ -b -i "$img@@$off" :: >"$T/esp.list" 2>&1
for f in EFI/BOOT/BOOTX64.EFI EFI/Rustux/loader.conf EFI/Rustux/initrd EFI/Rustux/slot-a/kernel.elf; do
	ok "esp_has_${f//\//_}" grep -qix "::/$f" "$T/esp.list"
done
mtype -i "$img@@$off" ::/EFI/Rustux/loader.conf >"$T/loader.conf"
ok loader_conf_slot_a_confirmed grep -qx 'slot-a-state confirmed' "$T/loader.conf"
ok loader_conf_version_set sh -c "grep -q '^slot-a-version [0-9]' '$T/loader.conf'"
mcopy -i "$img@@$off" ::/EFI/Rustux/initrd "$T/initrd"
bsdcpio -it <"$T/initrd" >"$T/initrd.list" 2>/dev/null
ok initrd_lists_files sh -c "[ \$(wc -l <'$T/initrd.list') -gt 3 ]"
ok initrd_has_trusted_key grep -q '^etc/rpg/keys/.*\.pub$' "$T/initrd.list"
ok initrd_has_repos grep -qx etc/rpg/repos "$T/initrd.list"
ok initrd_without_boot sh -c "! grep -q '^boot' '$T/initrd.list'"
cp "$img" "$T/rw.img"
ok rpg_image_info_reads_slots sh -c "'$RPG' --image '$T/rw.img' info rustux-kernel | grep -q 'slot-a.*confirmed'"
ok rpg_image_rollback_refuses_empty_slot sh -c "! '$RPG' --image '$T/rw.img' rollback rustux-kernel 2>/dev/null"
ok rpg_image_leaves_image_valid sh -c "sgdisk -v '$T/rw.img' | grep -q 'No problems found'"
# Each boot waits for the shell's prompt too (reported as a comment, see boot.sh).
export SHELL_MARK='^rustica:.*[#$] '
"$top/images/tests/boot.sh" disk "$img"
"$top/images/tests/boot.sh" usb "$img" --usb
"$top/images/tests/boot.sh" virtio "$img" --virtio
