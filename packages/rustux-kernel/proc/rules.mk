# rules.mk - packages/rustux-kernel/proc: the userspace QEMU suite (processes, syscalls, scheduler)
# SPDX-License-Identifier: MIT
#
# make check-kernel-user   static musl tests + sh + coreutils in an initrd, one OVMF/TCG boot
#                          with init=/test/usertest; TAP from the serial log (~15 s)

KUSER_WORK := $(OUT)/tmp/kernel-user

CHECK_SUITES += kernel-user
.PHONY: check-kernel-user
check-kernel-user: rustux-kernel-build rustux-kernel-cli rustux-boot-build | deps
	@timeout 300 sh $(TOP)/packages/rustux-kernel/tests/user/run.sh $(TOP) \
		$(OUT)/build/rustux-kernel/kernel.elf $(OUT)/build/rustux-boot/BOOTX64.EFI \
		$(HOST)/bin/rustux-kernel $(KUSER_WORK)
