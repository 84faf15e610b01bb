#!/bin/bash
# check.sh - rustica-install: the check-rustica-install suite (TAP lines)
# SPDX-License-Identifier: MIT
#
# check.sh TOP SCRATCH
#   1. fat32_test (ASan) writes volumes; fsck.fat -n and mtools check them.
#   2. Fixture packages (rustux-boot, rustux-kernel) built and signed with a
#      test key; the host installer writes them onto 256 MiB image files:
#      sgdisk -v, fsck.fat -n, mtype byte-identical, loader.conf through
#      rpg --image info, reproducible bytes.
#   3. Refusals: tampered payload, tampered initrd, untrusted key, small disk;
#      a read-back fault leaves no GPT.
#   4. The target build (static glibc, what the package ships): static, writes
#      the same bytes as the host build, refuses the tampered payloads.
#   5. When out/repo has the real packages and out/images/rustica-live.img
#      exists: install them and boot the installed disk alone in QEMU
#      (images/tests/boot.sh, hard timeout) to init's welcome line.
#   6. When out/images/rustica-installer.img exists: its initrd carries the
#      payloads with valid signatures and the installer, which installs from
#      them on the host; booted with rustica.install=/dev/vda, the installer
#      verifies them on Rustux, then fails only for the disk.
set -u
top=$1 tmp=$2
out=$top/out
inst=$out/host/bin/rustica-install
rpg=$out/host/bin/rpg
build=${RI_BUILD:-$out/build/rustica-install-dev}
target=$build/rustica-install
export MTOOLSRC=/dev/null TZ=UTC0 MTOOLS_SKIP_CHECK=1
n=0

ok() {	# ok NAME CMD...: one TAP line for the command's status
	local name=$1
	shift
	n=$((n + 1))
	if "$@" >"$tmp/last.log" 2>&1; then
		echo "ok $n $name"
	else
		echo "not ok $n $name"
		sed 's/^/# /' "$tmp/last.log" | tail -n 15
	fi
}

rm -rf "$tmp"
mkdir -p "$tmp"

# --- 1. the FAT32 writer ----------------------------------------------------
"$build/fat32_test" "$tmp" >"$tmp/unit.out" 2>&1 || echo "# fat32_test exited non-zero"
cat "$tmp/unit.out"
n=$(grep -c '^ok \|^not ok ' "$tmp/unit.out")
dd if="$tmp/vol.img" of="$tmp/fat.img" bs=1M skip=1 status=none
ok fat32_fsck_clean fsck.fat -n "$tmp/fat.img"
ok fat32_mtype_kernel_identical sh -c "mtype -i '$tmp/fat.img' ::/EFI/Rustux/slot-a/kernel.elf | cmp - '$tmp/big.bin'"
ok fat32_mtype_long_name sh -c "mtype -i '$tmp/fat.img' '::/EFI/Rustux/A Rather Long File Name With Spaces.txt' | grep -qx hi"
ok fat32_mdir_many_files sh -c "[ \$(mdir -b -i '$tmp/fat.img' ::/EFI/many | wc -l) -eq 200 ]"
ok fat32_mtype_empty_file sh -c "[ \$(mtype -i '$tmp/fat.img' ::/EFI/Rustux/empty | wc -c) -eq 0 ]"
ok fat32_mdir_dates sh -c "mdir -i '$tmp/fat.img' ::/EFI/Rustux/slot-a | grep -q '2020-09-13'"
ok fat32_serial_and_label sh -c "mdir -i '$tmp/fat.img' :: | grep -q 'RUSTICA' && mdir -i '$tmp/fat.img' :: | grep -q '1234-5678'"

# --- 2. fixture packages and an install --------------------------------------
fx=$tmp/fixture from=$tmp/from
mkdir -p "$fx/src" "$from"
"$rpg" keygen -s "$fx/k.sec" -p "$fx/k.pub" >/dev/null 2>&1
"$rpg" keygen -s "$fx/other.sec" -p "$fx/other.pub" >/dev/null 2>&1
cat >"$fx/rustux-boot.json" <<'EOF'
{ "name": "rustux-boot", "version": "0.1.0", "release": 1, "arch": "x86_64", "type": "boot",
  "summary": "fixture loader", "license": "MIT", "depends": [], "source": "src",
  "build": "true",
  "install": "mkdir -p \"$DESTDIR/boot/efi/EFI/BOOT\" && seq 1 9000 > \"$DESTDIR/boot/efi/EFI/BOOT/BOOTX64.EFI\"" }
EOF
cat >"$fx/rustux-kernel.json" <<'EOF'
{ "name": "rustux-kernel", "version": "2.5.0", "release": 3, "arch": "x86_64", "type": "kernel",
  "summary": "fixture kernel", "license": "MIT", "depends": [], "source": "src",
  "build": "true",
  "install": "mkdir -p \"$DESTDIR/boot\" && seq 100000 170000 > \"$DESTDIR/boot/kernel.elf\"" }
EOF
for p in rustux-boot rustux-kernel; do
	"$rpg" -q build "$fx/$p.json" -k "$fx/k.sec" -o "$from" >/dev/null 2>&1
done
seq 1 30000 | sed 's/^/initrd line /' >"$from/initrd"
"$inst" --sign "$fx/k.sec" "$from/initrd"
mkdir -p "$fx/x"
bsdtar -xf "$from"/rustux-boot-*.rpg -C "$fx/x"
bsdtar -xf "$from"/rustux-kernel-*.rpg -C "$fx/x"

disk=$tmp/disk.img
truncate -s 256M "$disk"
ok install_writes_image "$inst" --yes --from "$from" --key "$fx/k.pub" "$disk"
ok install_sgdisk_verifies sh -c "sgdisk -v '$disk' | grep -q 'No problems found'"
ok install_esp_partition sh -c "sgdisk -i 1 '$disk' | grep -q 'C12A7328-F81F-11D2-BA4B-00A0C93EC93B'"
first=$(sgdisk -i 1 "$disk" | sed -n 's/^First sector: \([0-9]*\).*/\1/p')
last=$(sgdisk -i 1 "$disk" | sed -n 's/^Last sector: \([0-9]*\).*/\1/p')
dd if="$disk" of="$tmp/esp.img" bs=512 skip="$first" count=$((last - first + 1)) status=none
ok install_esp_fsck_clean fsck.fat -n "$tmp/esp.img"
ok install_loader_identical sh -c "mtype -i '$tmp/esp.img' ::/EFI/BOOT/BOOTX64.EFI | cmp - '$fx/x/boot/efi/EFI/BOOT/BOOTX64.EFI'"
ok install_kernel_identical sh -c "mtype -i '$tmp/esp.img' ::/EFI/Rustux/slot-a/kernel.elf | cmp - '$fx/x/boot/kernel.elf'"
ok install_initrd_identical sh -c "mtype -i '$tmp/esp.img' ::/EFI/Rustux/initrd | cmp - '$from/initrd'"
ok install_loaderconf_parses sh -c "'$rpg' --image '$disk' info rustux-kernel | grep -q 'slot-a.*2.5.0-3 confirmed.*default'"
ok install_loaderconf_cmdline sh -c "mtype -i '$tmp/esp.img' ::/EFI/Rustux/loader.conf | grep -qx 'cmdline console=ttyS0,115200 console=tty0'"
ok install_lists_disk_file sh -c "'$inst' --list '$disk' | grep -q '256 MiB'"
cp --sparse=always "$disk" "$tmp/first.img"
truncate -s 256M "$tmp/again.img"
"$inst" --yes --from "$from" --key "$fx/k.pub" "$tmp/again.img" >/dev/null
ok install_reproducible cmp "$disk" "$tmp/again.img"

# The other ways to name the target, and --initrd: the same bytes each time.
echo "BOOT_IMAGE=x rustica.installer=1 rustica.install=$tmp/cmd.img quiet" >"$tmp/cmdline"
truncate -s 256M "$tmp/cmd.img"
ok install_target_from_kernel_cmdline env RUSTICA_INSTALL_CMDLINE_FILE="$tmp/cmdline" \
    "$inst" --from "$from" --key "$fx/k.pub"
ok cmdline_install_identical cmp "$disk" "$tmp/cmd.img"
: >"$tmp/nocmdline"
truncate -s 256M "$tmp/ask.img"
ok install_interactive_confirmed sh -c "printf '%s\n%s\n' '$tmp/ask.img' '$tmp/ask.img' |
    RUSTICA_INSTALL_CMDLINE_FILE='$tmp/nocmdline' '$inst' --from '$from' --key '$fx/k.pub'"
ok interactive_install_identical cmp "$disk" "$tmp/ask.img"
mkdir -p "$tmp/from2" "$tmp/elsewhere"
cp "$from"/*.rpg "$tmp/from2/"
cp "$from/initrd" "$from/initrd.minisig" "$tmp/elsewhere/"
truncate -s 256M "$tmp/opt.img"
ok install_initrd_option "$inst" --yes --from "$tmp/from2" --initrd "$tmp/elsewhere/initrd" \
    --key "$fx/k.pub" "$tmp/opt.img"
ok initrd_option_identical cmp "$disk" "$tmp/opt.img"
truncate -s 300000000 "$tmp/odd.img"		# not a whole number of MiB, nor of sectors
ok install_odd_size_disk "$inst" --yes --from "$from" --key "$fx/k.pub" "$tmp/odd.img"
ok odd_size_sgdisk_verifies sh -c "sgdisk -v '$tmp/odd.img' | grep -q 'No problems found'"

# --- 3. refusals ---------------------------------------------------------------
blank() {	# the disk's first MiB is still zero: nothing written
	cmp -n 1048576 "$1" /dev/zero
}
bin=$inst
refuses() {	# refuses DISK ARGS...: $bin exits non-zero; its output in refuse.out
	local d=$1
	shift
	! "$bin" --yes "$@" "$d" >"$tmp/refuse.out" 2>&1
}

bad=$tmp/bad
mkdir -p "$bad/t"
cp "$from"/* "$bad/"
( cd "$bad/t" && bsdtar -xf "$bad"/rustux-kernel-*.rpg && printf 'X' | dd of=boot/kernel.elf bs=1 seek=100 conv=notrunc status=none &&
  bsdtar --zstd --format pax --uid 0 --gid 0 -n -cf "$(ls "$bad"/rustux-kernel-*.rpg)" \
	.RPG/manifest.json .RPG/manifest.json.minisig boot boot/kernel.elf )
truncate -s 256M "$tmp/t1.img"
ok refuses_tampered_kernel refuses "$tmp/t1.img" --from "$bad" --key "$fx/k.pub"
ok tampered_kernel_named grep -q 'rustux-kernel.*boot/kernel.elf.*SHA-256' "$tmp/refuse.out"
ok tampered_kernel_nothing_written blank "$tmp/t1.img"

cp "$from"/* "$bad/"
printf 'X' | dd of="$bad/initrd" bs=1 seek=10 conv=notrunc status=none
ok refuses_tampered_initrd refuses "$tmp/t1.img" --from "$bad" --key "$fx/k.pub"
ok tampered_initrd_named grep -q 'initrd' "$tmp/refuse.out"
ok tampered_initrd_nothing_written blank "$tmp/t1.img"

ok refuses_untrusted_key refuses "$tmp/t1.img" --from "$from" --key "$fx/other.pub"
ok refuses_missing_payload refuses "$tmp/t1.img" --from "$fx/src" --key "$fx/k.pub"
truncate -s 20M "$tmp/small.img"
ok refuses_small_disk refuses "$tmp/small.img" --from "$from" --key "$fx/k.pub"
ok small_disk_nothing_written blank "$tmp/small.img"
ok refuses_unconfirmed sh -c "echo wrong | '$inst' --from '$from' --key '$fx/k.pub' '$tmp/t1.img'; [ \$? -ne 0 ]"
ok unconfirmed_nothing_written blank "$tmp/t1.img"

# A disk that reads back other bytes: the install fails and the GPT is gone.
ok readback_fault_fails sh -c "! RUSTICA_INSTALL_FAULT=EFI/Rustux/slot-a/kernel.elf '$inst' --yes --from '$from' --key '$fx/k.pub' '$tmp/first.img' 2>'$tmp/fault.err'"
ok readback_fault_named grep -q 'first.img: EFI/Rustux/slot-a/kernel.elf reads back different' "$tmp/fault.err"
ok readback_fault_says_incomplete grep -q 'INCOMPLETE' "$tmp/fault.err"
ok readback_fault_no_gpt sh -c "cmp -n 17408 '$tmp/first.img' /dev/zero && sgdisk -v '$tmp/first.img' 2>&1 | grep -q 'Creating new GPT entries'"

# --- 4. the target build: static glibc, rpg's verification compiled in ------------
ok target_build_static sh -c "file '$target' | grep -q 'statically linked'"
ok target_build_no_libcurl sh -c "! grep -q 'curl_easy' '$target'"
truncate -s 256M "$tmp/target.img"
ok target_installs "$target" --yes --from "$from" --key "$fx/k.pub" "$tmp/target.img"
ok target_install_identical cmp "$disk" "$tmp/target.img"
bin=$target
cp "$from"/* "$bad/"
( cd "$bad/t" && bsdtar --zstd --format pax --uid 0 --gid 0 -n -cf "$(ls "$bad"/rustux-kernel-*.rpg)" \
	.RPG/manifest.json .RPG/manifest.json.minisig boot boot/kernel.elf )
ok target_refuses_tampered_kernel refuses "$tmp/t1.img" --from "$bad" --key "$fx/k.pub"
ok target_tampered_kernel_named grep -q 'rustux-kernel.*boot/kernel.elf.*SHA-256' "$tmp/refuse.out"
cp "$from"/* "$bad/"
printf 'X' | dd of="$bad/initrd" bs=1 seek=10 conv=notrunc status=none
ok target_refuses_tampered_initrd refuses "$tmp/t1.img" --from "$bad" --key "$fx/k.pub"
ok target_refuses_untrusted_key refuses "$tmp/t1.img" --from "$from" --key "$fx/other.pub"
ok target_refusals_nothing_written blank "$tmp/t1.img"
"$target" --sign "$fx/k.sec" "$tmp/target.img" 2>/dev/null
ok target_signs_minisign_compatible minisign -Vqm "$tmp/target.img" -p "$fx/k.pub"
rm -f "$tmp/target.img" "$tmp/target.img.minisig"
bin=$inst

# --- 5. the real system, booted from the installed disk ------------------------
live=$out/images/rustica-live.img
kpkg=$(ls "$out"/repo/rustux-kernel-*.rpg 2>/dev/null | tail -n 1)
bpkg=$(ls "$out"/repo/rustux-boot-*.rpg 2>/dev/null | tail -n 1)
if [ "${RI_LIVE_OK:-}" = 1 ] && [ -f "$live" ] && [ -n "$kpkg" ] && [ -n "$bpkg" ] && [ -f "$out/keys/dev.sec" ] &&
    command -v qemu-system-x86_64 >/dev/null; then
	real=$tmp/real
	mkdir -p "$real"
	cp "$kpkg" "$bpkg" "$real/"
	mcopy -i "$live@@1048576" ::/EFI/Rustux/initrd "$real/initrd"
	"$inst" --sign "$out/keys/dev.sec" "$real/initrd"
	truncate -s 256M "$tmp/real.img"
	ok real_install "$inst" --yes --from "$real" --key "$out/keys/dev.pub" "$tmp/real.img"
	BOOT_LOG_DIR=$tmp BOOT_TIMEOUT=${RI_BOOT_TIMEOUT:-120} KERNEL_MARK='Welcome to Rustica' \
	    bash "$top/images/tests/boot.sh" installed "$tmp/real.img" |
	    while read -r status rest; do
		if [ "$status" = ok ] || [ "$status" = not ]; then
			n=$((n + 1))
			rest=${rest/- images_boot_installed_reaches_/- installed_disk_boots_to_}
			rest=${rest/boots_to_kernel/boots_to_init_welcome}; echo "$status ${rest/- /$n }"
		else
			echo "$status $rest"
		fi
	    done
else
	echo "not ok $((n + 1)) real_install_boot: image-live did not build, or out/repo has no packages"
fi

# --- 6. the installer image: its payloads, and the installer verifying them on Rustux ----
ins=$out/images/rustica-installer.img pd=var/cache/rpg/install
if [ "${RI_INSTALLER_OK:-}" = 1 ] && [ -f "$ins" ] && [ -n "${MKIMAGE:-}" ] && [ -f "${SIGNING_PUB:-}" ]; then
	iw=$tmp/installer
	mkdir -p "$iw/root"
	off=$("$MKIMAGE" esp-offset "$ins" | cut -d' ' -f1)
	mcopy -i "$ins@@$off" ::/EFI/Rustux/initrd "$iw/initrd"
	bsdcpio -it <"$iw/initrd" >"$iw/list" 2>/dev/null
	( cd "$iw/root" && bsdcpio -id <"$iw/initrd" 2>/dev/null )
	ok installer_image_has_payload_dir sh -c "grep -qx '$pd/initrd' '$iw/list' &&
	    grep -qx '$pd/initrd.minisig' '$iw/list' && grep -q '^$pd/rustux-boot-.*[.]rpg\$' '$iw/list' &&
	    grep -q '^$pd/rustux-kernel-.*[.]rpg\$' '$iw/list'"
	ok installer_image_has_installer grep -qx sbin/rustica-install "$iw/list"
	ok installer_payload_packages_verify "$rpg" verify "$iw/root/$pd"/*.rpg -p "$SIGNING_PUB"
	ok installer_payload_initrd_signed minisign -Vqm "$iw/root/$pd/initrd" -p "$SIGNING_PUB"
	ok installer_binary_static sh -c "file '$iw/root/sbin/rustica-install' | grep -q 'statically linked'"
	# The image's own installer, trusting the image's own key, installs from its payloads.
	truncate -s 256M "$iw/disk.img"
	ok installer_image_installs_on_host sh -c "'$iw/root/sbin/rustica-install' --yes --from '$iw/root/$pd' \
	    --key \$(ls '$iw/root/etc/rpg/keys/'*.pub | head -n 1) '$iw/disk.img'"

	# On Rustux: the same image with rustica.install=/dev/vda added to the command line
	# (its only disk is AHCI, so there is no /dev/vda: the installer must verify and then
	# fail for the disk alone, writing nothing).
	cp --sparse=always "$ins" "$iw/boot.img"
	mtype -i "$iw/boot.img@@$off" ::/EFI/Rustux/loader.conf |
	    sed 's|^cmdline .*|& rustica.install=/dev/vda|' >"$iw/loader.conf"
	mcopy -o -i "$iw/boot.img@@$off" "$iw/loader.conf" ::/EFI/Rustux/loader.conf
	BOOT_LOG_DIR=$iw BOOT_TIMEOUT=${RI_BOOT_TIMEOUT:-120} KERNEL_MARK='rustica-install: payloads verified' \
	    SHELL_MARK='nothing written' bash "$top/images/tests/boot.sh" installer "$iw/boot.img" >"$iw/boot.out"
	log=$iw/images-boot-installer.serial
	ok rustux_installer_targets_cmdline_disk grep -aq 'target /dev/vda from the kernel command line' "$log"
	ok rustux_installer_verifies_payloads grep -aq 'rustica-install: payloads verified: kernel ' "$log"
	ok rustux_installer_fails_only_for_disk grep -aq '/dev/vda: .*nothing written' "$log"
	ok rustux_installer_writes_nothing sh -c "! grep -aq 'rustica-install: writing' '$log'"
	grep -aq 'payloads verified' "$log" || tail -n 15 "$log" | sed 's/^/# serial: /'
	rm -f "$iw/boot.img" "$iw/disk.img"
else
	echo "not ok $((n + 1)) installer_image: image-installer did not build"
fi
