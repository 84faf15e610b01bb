# rules.mk - check-install-virtio: Rustux's virtio-blk disk under QEMU, then the installer onto it
# SPDX-License-Identifier: MIT
#
# make check-install-virtio   part 1: blktest (packages/rustux-kernel/drivers/tests) as PID 1
#                             reads/writes /dev/vda and /dev/vda1 on a blank 256 MiB virtio disk
#                             (one TCG boot, ~5 s); part 2 (check-install-virtio-installer):
#                             the installer image installs onto a blank 256 MiB virtio disk,
#                             which then boots alone to the shell prompt (two boots, ~30 s)

INSTALL_VIRTIO_WORK := $(OUT)/tmp/install-virtio
# The kernel comes from rustux-kernel-build's own folder (KERNEL_DEV, packages/rustux-kernel/
# rules.mk): rpg's package build empties out/build/rustux-kernel while it runs.

CHECK_SUITES += install-virtio
.PHONY: check-install-virtio check-install-virtio-blk check-install-virtio-installer
check-install-virtio: rustux-kernel-build rustux-kernel-cli rustux-boot-build image-installer | deps
	@rc=0; $(MAKE) --no-print-directory check-install-virtio-blk || rc=1; \
	$(MAKE) --no-print-directory check-install-virtio-installer || rc=1; exit $$rc

check-install-virtio-blk: rustux-kernel-build rustux-kernel-cli rustux-boot-build | deps
	@timeout 200 sh $(TOP)/packages/rustux-kernel/drivers/tests/blk.sh $(TOP) \
		$(KERNEL_DEV)/kernel.elf $(OUT)/build/rustux-boot/BOOTX64.EFI \
		$(HOST)/bin/rustux-kernel $(INSTALL_VIRTIO_WORK)/blk

# Part 2: boots the installer image with rustica.install=/dev/vda and a blank 256 MiB
# virtio disk, lets rustica-install write it, then boots that disk alone to the shell
# prompt (two TCG boots, each stopped at its last marker or first failure marker).
check-install-virtio-installer: image-installer | deps
	@timeout 480 bash $(TOP)/packages/rustux-kernel/drivers/tests/install.sh \
		$(OUT)/images/rustica-installer.img $(INSTALL_VIRTIO_WORK)/installer
