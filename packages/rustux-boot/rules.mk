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
BOOT_PURE_SRC := $(BOOT_DIR)/loaderconf.c $(BOOT_DIR)/slotpick.c $(BOOT_DIR)/memmap.c \
	$(wildcard $(BOOT_KLIB)/elf.c)
BOOT_HOST_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined \
	-I$(BOOT_DIR) -I$(BOOT_DIR)/tests -I$(TOP)/packages/rustux-kernel
BOOT_UNIT_SRC := $(sort $(wildcard $(BOOT_DIR)/tests/*_test.c))
BOOT_UNIT_BIN := $(patsubst $(BOOT_DIR)/tests/%.c,$(BOOT_HOST)/%,$(BOOT_UNIT_SRC))

CHECK_SUITES += boot-unit
HELP_TARGETS += rustux-boot-build~~~~~the~UEFI~loader,~out/build/rustux-boot/BOOTX64.EFI \
	fuzz-boot~~~~~~~~~~~~~fuzz~the~ELF~and~loader.conf~parsers,~FUZZ_SECONDS=120

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

# Fuzz targets (tests/fuzz): clang libFuzzer + ASan/UBSan when clang can
# link it, else the standalone random-mutation driver with gcc. check runs
# each briefly (2 x 6 s); make fuzz-boot runs longer (FUZZ_SECONDS each).
BOOT_FUZZ := $(OUT)/build/rustux-boot-fuzz
BOOT_FUZZ_TARGETS := elf loaderconf
# The compiler is chosen when a target is built (not when make reads this
# file, which would cost every make run a clang link).
BOOT_FUZZ_PROBE := printf 'int LLVMFuzzerTestOneInput(const char *d, unsigned long n){(void)d;(void)n;return 0;}' | \
	clang -x c -fsanitize=fuzzer -o /dev/null - >/dev/null 2>&1
FUZZ_SECONDS ?= 120

CHECK_SUITES += boot-fuzz
.PHONY: check-boot-fuzz fuzz-boot boot-fuzz-build

$(BOOT_FUZZ)/fuzz_%: $(BOOT_DIR)/tests/fuzz/fuzz_%.c $(BOOT_PURE_SRC) \
		$(BOOT_DIR)/tests/fuzz/standalone.c | deps
	@mkdir -p $(dir $@)
	@if $(BOOT_FUZZ_PROBE); then cc=clang fl=-fsanitize=fuzzer,address,undefined drv=; \
	else cc=gcc fl=-fsanitize=address,undefined drv=$(BOOT_DIR)/tests/fuzz/standalone.c; fi; \
	echo "$$cc $$fl fuzz_$*"; echo $$cc >$@.cc; \
	$$cc -std=c11 -D_GNU_SOURCE -O1 -g -fno-sanitize-recover=undefined $$fl \
		-I$(BOOT_DIR) -I$(TOP)/packages/rustux-kernel -o $@ $< $(BOOT_PURE_SRC) $$drv

# Seeds: the test kernel and a host binary for ELF, a full loader.conf.
$(BOOT_FUZZ)/corpus-%/.seeded: $(BOOT_FIXTURE)
	@mkdir -p $(dir $@)
	@if [ $* = elf ]; then cp $(BOOT_FIXTURE) $(dir $@)/fixture; cp /bin/true $(dir $@)/true; \
	else printf 'default b\nfallback a\ntries 3\ntimeout 2\ncmdline console=ttyS0 x=1\nslot-a-version 1.0\nslot-a-state confirmed\nslot-b-version 2.0\nslot-b-state new\nslot-b-tries 2\nfuture-key v\n' \
		>$(dir $@)/full; fi
	@touch $@

boot-fuzz-build: $(foreach t,$(BOOT_FUZZ_TARGETS),$(BOOT_FUZZ)/fuzz_$(t) $(BOOT_FUZZ)/corpus-$(t)/.seeded)

define boot_fuzz_run
	@set -e; cd $(BOOT_FUZZ); for t in $(BOOT_FUZZ_TARGETS); do \
		if timeout $$(( $(1) + 60 )) ./fuzz_$$t -max_total_time=$(1) -seed=1 corpus-$$t \
			>fuzz_$$t.log 2>&1; then echo "ok - fuzz_$$t: $(1) s, no crash ($$(cat fuzz_$$t.cc))"; \
		else echo "not ok - fuzz_$$t crashed: see $(BOOT_FUZZ)/fuzz_$$t.log"; tail -20 fuzz_$$t.log; exit 1; fi; \
	done
endef

check-boot-fuzz: boot-fuzz-build
	$(call boot_fuzz_run,6)

fuzz-boot: boot-fuzz-build
	$(call boot_fuzz_run,$(FUZZ_SECONDS))
