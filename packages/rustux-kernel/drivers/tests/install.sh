#!/bin/bash
# install.sh - check-install-virtio part 2: install onto a blank virtio disk, then boot it alone
# SPDX-License-Identifier: MIT
#
# install.sh INSTALLER_IMG WORKDIR
# Boot 1: a copy of the installer image (AHCI, snapshot) whose loader.conf
# command line gains rustica.install=/dev/vda, plus a blank 256 MiB raw
# virtio disk; init runs rustica-install, which must write the system and
# say "done". Boot 2: that disk alone (virtio), which must come up through
# the loader and kernel to /etc/rc's welcome line and the shell prompt.
# TAP out; every boot has a hard timeout and stops at its last marker.
# INSTALL_KERNEL=ELF puts that kernel into the installer image's slot a
# first (to try a kernel before it is packaged; the installed system gets
# the packaged one).
set -u
img=$1 W=$2
n=0 rc=0
ok() { n=$((n + 1)); echo "ok $n $1"; }
nok() { n=$((n + 1)); echo "not ok $n $1"; rc=1; }
check() { local name=$1; shift; if "$@" >/dev/null 2>&1; then ok "$name"; else nok "$name"; fi; }
[ -f "$img" ] || { echo "not ok 1 install: $img missing (make image-installer)"; exit 1; }
rm -rf "$W" && mkdir -p "$W" || exit 1
export MTOOLSRC=/dev/null
off=$((2048 * 512))	# the ESP's first byte (docs/IMAGE.md)

# boot LOG LIMIT DONE_RE FAIL_RE QEMU_DRIVE_ARGS...: stops at DONE_RE or FAIL_RE or the limit.
boot() {
	local log=$1 limit=$2 done_re=$3 fail_re=$4 pid i
	shift 4
	cp /usr/share/OVMF/OVMF_VARS_4M.fd "$W/vars.fd"
	: >"$log"
	setsid timeout --kill-after=5 "$limit" qemu-system-x86_64 -machine q35,accel=tcg -m 512M \
		-no-user-config -nodefaults \
		-drive if=pflash,format=raw,readonly=on,file=/usr/share/OVMF/OVMF_CODE_4M.fd \
		-drive "if=pflash,format=raw,file=$W/vars.fd" "$@" \
		-device isa-debug-exit,iobase=0xf4,iosize=0x04 \
		-display none -no-reboot -net none -serial "file:$log" -monitor none \
		</dev/null >"$log.err" 2>&1 &
	pid=$!
	for ((i = 0; i < limit * 4; i++)); do
		grep -aqE "$done_re|$fail_re" "$log" && break
		kill -0 "$pid" 2>/dev/null || break
		sleep 0.25
	done
	sleep 1		# let the guest finish the line it is printing
	kill -- -"$pid" 2>/dev/null
	wait "$pid" 2>/dev/null
	tr -d '\r' <"$log" >"$log.txt"
}

cp --sparse=always "$img" "$W/installer.img" || exit 1
mtype -i "$W/installer.img@@$off" ::/EFI/Rustux/loader.conf |
	sed 's|^cmdline .*|& rustica.install=/dev/vda|' >"$W/loader.conf"
mcopy -o -i "$W/installer.img@@$off" "$W/loader.conf" ::/EFI/Rustux/loader.conf ||
	{ echo "not ok 1 install: cannot edit the installer's loader.conf"; exit 1; }
if [ -n "${INSTALL_KERNEL:-}" ]; then
	mcopy -o -i "$W/installer.img@@$off" "$INSTALL_KERNEL" ::/EFI/Rustux/slot-a/kernel.elf ||
		{ echo "not ok 1 install: cannot put $INSTALL_KERNEL into the installer image"; exit 1; }
fi
truncate -s 256M "$W/disk.img"

# After the installer, init starts the shells: a prompt without "done" is a failure.
boot "$W/install.serial" "${INSTALL_TIMEOUT:-240}" 'rustica-install: /dev/vda: done' \
	'nothing written|INCOMPLETE|PANIC|Shell> |rustica-install: .*(cannot|wrong|differ)|\(rustica-install\): signal|^rustica:.*[#$] ' \
	-drive "format=raw,snapshot=on,file=$W/installer.img" \
	-drive "if=virtio,format=raw,file=$W/disk.img"
L=$W/install.serial.txt
check install_kernel_sees_vda grep -aq 'blk: vda: 524288 sectors' "$L"
check install_targets_cmdline_disk grep -aq 'target /dev/vda from the kernel command line' "$L"
check install_verifies_payloads grep -aq 'rustica-install: payloads verified' "$L"
check install_writes_vda grep -aq 'rustica-install: writing /dev/vda' "$L"
check install_done grep -aq 'rustica-install: /dev/vda: done' "$L"
check installed_gpt_valid sh -c "sgdisk -v '$W/disk.img' | grep -q 'No problems found'"
check installed_loader_conf sh -c "mtype -i '$W/disk.img@@$off' ::/EFI/Rustux/loader.conf | grep -q '^slot-a-state confirmed'"
check installed_kernel_present mdir -i "$W/disk.img@@$off" ::/EFI/Rustux/slot-a/kernel.elf

boot "$W/installed.serial" "${INSTALLED_TIMEOUT:-150}" '^rustica:.*[#$] ' \
	'no slot left to boot|PANIC|Shell> ' \
	-drive "if=virtio,format=raw,file=$W/disk.img"
L=$W/installed.serial.txt
check installed_boots_loader grep -aq 'rustux-boot: starting' "$L"
check installed_boots_kernel grep -aqE '^(RUSTUX|Rustux)' "$L"
check installed_sees_itself grep -aq 'blk: vda: 524288 sectors' "$L"
check installed_welcome grep -aq 'Welcome to ' "$L"
check installed_shell_prompt grep -aqE '^rustica:.*[#$] ' "$L"
if [ $rc -ne 0 ]; then
	echo "# logs: $W/install.serial.txt $W/installed.serial.txt"
	tail -n 15 "$W/install.serial.txt" "$W/installed.serial.txt" | sed 's/^/# /'
else
	rm -rf "$W"
fi
exit $rc
