# rules.mk - packages/rustux-kernel/bench: make bench-kernel-linux (Rustux against Debian's Linux)
# SPDX-License-Identifier: MIT
#
# make bench-kernel-linux [KBENCH_RUNS=3]   kbench as PID 1 on both kernels, same initrd,
#                                           same QEMU; prints the side-by-side table.
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
