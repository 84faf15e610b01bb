# rules.mk - check-install-virtio: Rustux's virtio-blk disk under QEMU, then the installer onto it
# SPDX-License-Identifier: MIT
#
# make check-install-virtio   part 1: blktest (packages/rustux-kernel/drivers/tests) as PID 1
#                             reads/writes /dev/vda and /dev/vda1 on a blank 256 MiB virtio disk
#                             (one TCG boot, ~5 s)

INSTALL_VIRTIO_WORK := $(OUT)/tmp/install-virtio

CHECK_SUITES += install-virtio
.PHONY: check-install-virtio
check-install-virtio: rustux-kernel-build rustux-kernel-cli rustux-boot-build | deps
	@timeout 200 sh $(TOP)/packages/rustux-kernel/drivers/tests/blk.sh $(TOP) \
		$(OUT)/build/rustux-kernel/kernel.elf $(OUT)/build/rustux-boot/BOOTX64.EFI \
		$(HOST)/bin/rustux-kernel $(INSTALL_VIRTIO_WORK)/blk
