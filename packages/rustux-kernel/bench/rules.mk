# rules.mk - packages/rustux-kernel/bench: make bench-kernel-linux (Rustux against Debian's Linux)
# SPDX-License-Identifier: MIT
#
# make bench-kernel-linux [KBENCH_RUNS=3]   kbench as PID 1 on both kernels, same initrd,
#                                           same QEMU; prints the side-by-side table.
# make bench-boot-prompt [KBOOT_RUNS=3]     the live image's initrd on both kernels, loader
#                                           start to the shell prompt, side by side.
# Bench only (timings): never part of make check.

KBENCH_SRC := $(TOP)/packages/rustux-kernel/bench
KBENCH_OUT := $(OUT)/tmp/kbench
KBENCH_RUNS ?= 3
# cli/rules.mk (RK_CLI) is included after this file: name the path here.
KBENCH_CLI := $(HOST)/bin/rustux-kernel
# Debian's kernel (linux-image-amd64 in ci/deps.sh): the newest /boot/vmlinuz-*.
KBENCH_VMLINUZ = $(lastword $(sort $(wildcard /boot/vmlinuz-*)))

BENCH_TARGETS += bench-kernel-linux
HELP_TARGETS += bench-kernel-linux~~~~~kbench~on~Rustux~and~Debian~Linux~in~the~same~QEMU
.PHONY: bench-kernel-linux

$(KBENCH_OUT)/kbench: $(KBENCH_SRC)/kbench.c | deps
	@mkdir -p $(dir $@)
	musl-gcc -static -O2 -Wall -Wextra -o $@ $<

$(KBENCH_OUT)/kbench-true: $(KBENCH_SRC)/kbench-true.c | deps
	@mkdir -p $(dir $@)
	musl-gcc -static -O2 -s -o $@ $<

$(KBENCH_OUT)/kbwatch: $(KBENCH_SRC)/kbwatch.c | deps
	@mkdir -p $(dir $@)
	gcc -O2 -Wall -Wextra -o $@ $<

bench-kernel-linux: $(KBENCH_OUT)/kbench $(KBENCH_OUT)/kbench-true $(KBENCH_OUT)/kbwatch \
		$(KBENCH_CLI) rustux-boot-build rustux-kernel-build
	@test -n "$(KBENCH_VMLINUZ)" || { echo "bench-kernel-linux: no /boot/vmlinuz-* (linux-image-amd64)"; exit 1; }
	@# Private copies: packaging (rpg build) empties out/build/rustux-kernel and rustux-boot.
	@cp $(OUT)/build/rustux-kernel-dev/kernel.elf $(KBENCH_OUT)/kernel.elf
	@cp $(OUT)/build/rustux-boot/BOOTX64.EFI $(KBENCH_OUT)/BOOTX64.EFI
	@$(KBENCH_SRC)/kbench.sh $(KBENCH_OUT) $(KBENCH_CLI) $(KBENCH_OUT)/BOOTX64.EFI \
		$(KBENCH_OUT)/kernel.elf $(KBENCH_VMLINUZ) $(KBENCH_RUNS)

# --- bench-boot-prompt: loader start to the shell prompt (kboot.sh) ----------
# The initrd is the live image's own (its ESP's EFI/Rustux/initrd); KBOOT_INITRD=FILE
# boots another one instead, KBOOT_KERNEL=FILE another Rustux kernel (no rebuild).
KBOOT_OUT := $(OUT)/tmp/kboot
KBOOT_RUNS ?= 3
KBOOT_INITRD ?=
KBOOT_KERNEL ?=
KBOOT_LIVE := $(OUT)/images/rustica-live.img

BENCH_TARGETS += bench-boot-prompt
HELP_TARGETS += bench-boot-prompt~~~~~~loader~start~to~the~shell~prompt,~Rustux~and~Linux,~same~initrd
.PHONY: bench-boot-prompt

$(KBOOT_OUT)/kbwatch: $(KBENCH_SRC)/kbwatch.c | deps
	@mkdir -p $(dir $@)
	gcc -O2 -Wall -Wextra -o $@ $<

bench-boot-prompt: $(KBOOT_OUT)/kbwatch $(KBENCH_CLI) rustux-boot-build \
		$(if $(KBOOT_KERNEL),,rustux-kernel-build) \
		$(if $(KBOOT_INITRD),,$(KBOOT_LIVE) $(HOST)/bin/rustica-mkimage)
	@test -n "$(KBENCH_VMLINUZ)" || { echo "bench-boot-prompt: no /boot/vmlinuz-* (linux-image-amd64)"; exit 1; }
	@cp $(or $(KBOOT_KERNEL),$(OUT)/build/rustux-kernel-dev/kernel.elf) $(KBOOT_OUT)/kernel.elf
	@cp $(OUT)/build/rustux-boot/BOOTX64.EFI $(KBOOT_OUT)/BOOTX64.EFI
	@if [ -n "$(KBOOT_INITRD)" ]; then cp $(KBOOT_INITRD) $(KBOOT_OUT)/live-initrd; else \
		off=$$($(HOST)/bin/rustica-mkimage esp-offset $(KBOOT_LIVE) | cut -d' ' -f1) && \
		mcopy -n -o -i "$(KBOOT_LIVE)@@$$off" ::/EFI/Rustux/initrd $(KBOOT_OUT)/live-initrd; fi
	@$(KBENCH_SRC)/kboot.sh $(KBOOT_OUT) $(KBENCH_CLI) $(KBOOT_OUT)/BOOTX64.EFI \
		$(KBOOT_OUT)/kernel.elf $(KBENCH_VMLINUZ) $(KBOOT_OUT)/live-initrd $(KBOOT_RUNS)
