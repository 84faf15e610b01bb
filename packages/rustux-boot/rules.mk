# packages/rustux-boot/rules.mk - build and test rules for the UEFI loader.
# SPDX-License-Identifier: MIT
#
# make rustux-boot-build   out/build/rustux-boot/BOOTX64.EFI
# make check-boot-unit     host unit tests of the pure modules (ASan/UBSan)
# make check-boot-fuzz     a short fuzz run of the ELF and loader.conf parsers
# make fuzz-boot           a longer fuzz run (FUZZ_SECONDS, default 120)

BOOT_DIR := $(TOP)/packages/rustux-boot
BOOT_BUILD := $(OUT)/build/rustux-boot
BOOT_HOST := $(OUT)/build/rustux-boot-host
BOOT_KLIB := $(TOP)/packages/rustux-kernel/lib

# The pure modules: compiled into the loader and, here, for the host.
BOOT_PURE_SRC := $(BOOT_DIR)/loaderconf.c $(BOOT_DIR)/slotpick.c \
	$(wildcard $(BOOT_KLIB)/elf.c)
BOOT_HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined \
	-I$(BOOT_DIR) -I$(BOOT_DIR)/tests -I$(TOP)/packages/rustux-kernel
BOOT_UNIT_SRC := $(sort $(wildcard $(BOOT_DIR)/tests/*_test.c))
BOOT_UNIT_BIN := $(patsubst $(BOOT_DIR)/tests/%.c,$(BOOT_HOST)/%,$(BOOT_UNIT_SRC))

CHECK_SUITES += boot-unit

.PHONY: rustux-boot-build check-boot-unit
rustux-boot-build: | deps
	$(MAKE) --no-print-directory -C $(BOOT_DIR) O=$(BOOT_BUILD)

$(BOOT_HOST)/%: $(BOOT_DIR)/tests/%.c $(BOOT_PURE_SRC) $(wildcard $(BOOT_DIR)/*.h \
		$(BOOT_DIR)/tests/*.h $(BOOT_KLIB)/*.h) | deps
	@mkdir -p $(dir $@)
	gcc $(BOOT_HOST_CFLAGS) -o $@ $< $(BOOT_PURE_SRC)

check-boot-unit: $(BOOT_UNIT_BIN)
	@for t in $(BOOT_UNIT_BIN); do echo "# $$(basename $$t)"; timeout 60 $$t || exit 1; done

# The loader's test kernel (tests/fixture): a higher-half ELF loaded at 2 MiB.
BOOT_FIXTURE := $(BOOT_HOST)/fixture-kernel.elf
BOOT_FIXTURE_CFLAGS := -std=c11 -O2 -Wall -Wextra -Werror -ffreestanding -fpie \
	-fvisibility=hidden -mgeneral-regs-only -mno-red-zone -fno-stack-protector \
	-fno-asynchronous-unwind-tables -I$(TOP)/packages/rustux-kernel

.PHONY: rustux-boot-fixture
rustux-boot-fixture: $(BOOT_FIXTURE)

$(BOOT_FIXTURE): $(BOOT_DIR)/tests/fixture/kernel.c $(BOOT_DIR)/tests/fixture/kernel.ld \
		$(TOP)/packages/rustux-kernel/abi/bootinfo.h | deps
	@mkdir -p $(dir $@)
	gcc $(BOOT_FIXTURE_CFLAGS) -c -o $(BOOT_HOST)/fixture.o $<
	ld -nostdlib -static -z max-page-size=0x1000 -T $(BOOT_DIR)/tests/fixture/kernel.ld \
		$(BOOT_HOST)/fixture.o -o $@
