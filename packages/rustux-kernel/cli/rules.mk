# packages/rustux-kernel/cli/rules.mk - the rustux-kernel developer CLI and the QEMU boot suites.
# SPDX-License-Identifier: MIT
#
# make rustux-kernel-cli     out/host/bin/rustux-kernel
# make check-kernel-qemu     OVMF -> rustux-boot -> kernel self-tests, as TAP
# make check-kernel-cli      CLI smoke tests without QEMU
# make check-boot-fallback   corrupt slot b, tries counting, confirmation (test kernel)
# make run-kernel            boot the kernel interactively (serial on the terminal)

RK_CLI := $(HOST)/bin/rustux-kernel
RK_CLI_DIR := $(TOP)/packages/rustux-kernel/cli
RK_CLI_BUILD := $(OUT)/build/rustux-kernel-cli
RK_CLI_SRC := $(wildcard $(RK_CLI_DIR)/*.c)
RK_CLI_OBJ := $(patsubst $(RK_CLI_DIR)/%.c,$(RK_CLI_BUILD)/%.o,$(RK_CLI_SRC))
RK_CLI_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
	-Wno-format-truncation -MMD -MP

HELP_TARGETS += rustux-kernel-cli~~~~~the~kernel~developer~CLI,~out/host/bin/rustux-kernel \
	run-kernel~~~~~~~~~~~~boot~the~kernel~interactively~in~QEMU

.PHONY: rustux-kernel-cli run-kernel check-kernel-qemu check-boot-fallback check-kernel-cli
rustux-kernel-cli: $(RK_CLI)

$(RK_CLI): $(RK_CLI_OBJ) | deps
	@mkdir -p $(dir $@)
	gcc -o $@ $(RK_CLI_OBJ)

$(RK_CLI_BUILD)/%.o: $(RK_CLI_DIR)/%.c | deps
	@mkdir -p $(dir $@)
	gcc $(RK_CLI_CFLAGS) -c -o $@ $<

-include $(RK_CLI_OBJ:.o=.d)

run-kernel: $(RK_CLI)
	$(RK_CLI) run

CHECK_SUITES += kernel-cli boot-fallback

check-kernel-cli: $(RK_CLI) rustux-boot-build rustux-boot-fixture
	@timeout 60 $(RK_CLI_DIR)/tests/cli.sh $(RK_CLI) $(OUT)/build/rustux-boot/BOOTX64.EFI \
		$(BOOT_FIXTURE) $(RK_QEMU_WORK)/kernel-cli.$$$$

# QEMU suites. Each run works in its own directory (several engineers and
# CI may run make check at once), removed when the suite passes and kept
# for inspection when it fails. The fallback suite boots the loader's own
# test kernel, so it checks the slot logic whatever state the real kernel
# is in.
RK_QEMU_WORK := $(OUT)/tmp/rustux-kernel

# The real kernel joins for one scenario when it builds (a broken kernel
# build is check-kernel-qemu's failure, not the loader's); the suite boots
# a copy, so a rebuild running at the same time cannot pull it away.
check-boot-fallback: $(RK_CLI) rustux-boot-build rustux-boot-fixture
	@w=$(RK_QEMU_WORK)/boot-fallback.$$$$; real=; mkdir -p $$w; \
	if $(MAKE) --no-print-directory -s rustux-kernel-build >/dev/null 2>&1 && \
	    cp $(OUT)/build/rustux-kernel/kernel.elf $$w/real-kernel.elf 2>/dev/null; then \
		real=$$w/real-kernel.elf; else echo "# real kernel does not build: skipped"; fi; \
	timeout 700 $(RK_CLI_DIR)/tests/boot-fallback.sh $(RK_CLI) \
		$(OUT)/build/rustux-boot/BOOTX64.EFI $(BOOT_FIXTURE) $$w $$real && rm -rf $$w

# The real kernel's self-tests: OVMF -> rustux-boot -> kernel, rustux.test=kernel.
CHECK_SUITES += kernel-qemu
check-kernel-qemu: $(RK_CLI) rustux-boot-build rustux-kernel-build
	@w=$(RK_QEMU_WORK)/kernel-qemu.$$$$; mkdir -p $$w && \
	cp $(OUT)/build/rustux-kernel/kernel.elf $$w/kernel.elf && \
	timeout 150 $(RK_CLI) test --qemu --no-build --tap --timeout 120 --workdir $$w \
		--kernel $$w/kernel.elf && rm -rf $$w

# make bench: sizes, the kernel's boot-time stamps (guest TSC) and the
# host wall time of one OVMF -> loader -> kernel self-test boot (TCG).
BENCH_TARGETS += bench-boot
.PHONY: bench-boot
bench-boot: $(RK_CLI) rustux-boot-build rustux-kernel-build
	@echo "bench-boot: BOOTX64.EFI $$(stat -c %s $(OUT)/build/rustux-boot/BOOTX64.EFI) bytes, kernel.elf $$(stat -c %s $(OUT)/build/rustux-kernel/kernel.elf) bytes"
	@w=$(RK_QEMU_WORK)/bench-boot.$$$$; t0=$$(date +%s%N); \
	$(RK_CLI) test --qemu --no-build --timeout 120 --workdir $$w 2>/dev/null; rc=$$?; \
	t1=$$(date +%s%N); tr -d '\r' <$$w/serial.log | grep -a 'RUSTUX: stamp' | sed 's/^/bench-boot: /'; \
	echo "bench-boot: whole boot (firmware included, host wall time) $$(( (t1 - t0) / 1000000 )) ms, status $$rc"; \
	rm -rf $$w
