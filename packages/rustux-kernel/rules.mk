# rules.mk - packages/rustux-kernel: the kernel build and its host unit tests
# SPDX-License-Identifier: MIT
#
# make rustux-kernel-build   out/build/rustux-kernel/kernel.elf
# make check-kernel-unit     every tests/unit/NAME_test.c with lib/*.c (+ KUNIT_EXTRA_SRCS)
#                            on the host under ASan/UBSan, TAP output
# Other fragments add pure sources to the unit tests with KUNIT_EXTRA_SRCS += path.c,
# flags with KUNIT_EXTRA_CFLAGS and generated prerequisites with KUNIT_EXTRA_DEPS.

KERNEL_SRC := $(TOP)/packages/rustux-kernel
KERNEL_OUT := $(OUT)/build/rustux-kernel
KUNIT_OUT := $(OUT)/build/rustux-kernel-unit

.PHONY: rustux-kernel-build check-kernel-unit kernel-unit-build
# The developer build has its own directory: rpg build empties
# out/build/rustux-kernel (its BUILDDIR) before packaging, which would pull
# the objects from under a concurrent build. The results are then copied
# (atomically) to the documented place, out/build/rustux-kernel/kernel.elf.
KERNEL_DEV := $(OUT)/build/rustux-kernel-dev
rustux-kernel-build: | deps
	@$(MAKE) --no-print-directory -C $(KERNEL_SRC) O=$(KERNEL_DEV)
	@mkdir -p $(KERNEL_OUT)
	@for f in kernel.elf kernel.sym.elf; do \
		cmp -s $(KERNEL_DEV)/$$f $(KERNEL_OUT)/$$f || \
		{ cp $(KERNEL_DEV)/$$f $(KERNEL_OUT)/$$f.$$$$ && mv $(KERNEL_OUT)/$$f.$$$$ $(KERNEL_OUT)/$$f; } \
		|| exit 1; done

# Pure kernel sources tested on the host. boot/options.c is pure by design.
KUNIT_EXTRA_SRCS += $(KERNEL_SRC)/boot/options.c $(KERNEL_SRC)/boot/bootinfo.c
# The syscall table's derived headers (tools/gensyscalls.mk, object/rules.mk).
KUNIT_EXTRA_CFLAGS += -I$(KERNEL_OUT)/gen
KUNIT_EXTRA_DEPS += $(SYSCALLS_GENERATED)
KUNIT_CFLAGS := -std=c11 -O1 -g -Wall -Wextra -Werror -fno-builtin \
	-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
	-include $(KERNEL_SRC)/tests/unit/host.h -I$(KERNEL_SRC) -I$(KERNEL_SRC)/tests/unit \
	$(KUNIT_EXTRA_CFLAGS)
KUNIT_TESTS = $(sort $(wildcard $(KERNEL_SRC)/tests/unit/*_test.c))
KUNIT_BINS = $(patsubst $(KERNEL_SRC)/tests/unit/%.c,$(KUNIT_OUT)/%,$(KUNIT_TESTS))
KUNIT_LIBSRC = $(sort $(wildcard $(KERNEL_SRC)/lib/*.c) $(KUNIT_EXTRA_SRCS))

# The pure sources compile once into objects (mirroring their path under TOP);
# every test links against all of them.
KUNIT_LIBOBJ = $(patsubst $(TOP)/%.c,$(KUNIT_OUT)/obj/%.o,$(KUNIT_LIBSRC))

$(KUNIT_OUT)/obj/%.o: $(TOP)/%.c $(KUNIT_EXTRA_DEPS) | deps
	@mkdir -p $(dir $@)
	gcc $(KUNIT_CFLAGS) -MMD -MP -c -o $@ $<

$(KUNIT_OUT)/%_test: $(KERNEL_SRC)/tests/unit/%_test.c $(KUNIT_LIBOBJ) \
		$(wildcard $(KERNEL_SRC)/tests/unit/*.h) $(KUNIT_EXTRA_DEPS) | deps
	@mkdir -p $(dir $@)
	@rm -f $@
	gcc $(KUNIT_CFLAGS) -o $@ $< $(KUNIT_LIBOBJ)

-include $(wildcard $(KUNIT_OUT)/obj/packages/rustux-kernel/*/*.d $(KUNIT_OUT)/obj/packages/rustux-kernel/*/*/*.d)

.DELETE_ON_ERROR: $(KUNIT_BINS)
kernel-unit-build: $(KUNIT_BINS)

CHECK_SUITES += kernel-unit
# One make run builds every test (-k: a broken test does not stop the
# others; a failed link leaves no binary), then each binary runs.
check-kernel-unit: | deps
	@$(MAKE) --no-print-directory -k -j2 kernel-unit-build >$(KUNIT_OUT).build.log 2>&1 || \
		grep -E ': error|\*\*\*' $(KUNIT_OUT).build.log | head -20 | sed 's/^/# /'; \
	rc=0; for t in $(KUNIT_BINS); do echo "# $$(basename $$t)"; \
		if [ ! -x $$t ]; then echo "not ok - $$(basename $$t) does not build"; rc=1; continue; fi; \
		timeout 60 $$t || rc=1; done; \
	if sh $(KERNEL_SRC)/tools/optionsdoc.sh $(KERNEL_SRC)/boot/options.def \
		--check $(TOP)/docs/ARCHITECTURE.md; then \
		echo "ok - docs/ARCHITECTURE.md options table matches boot/options.def"; \
	else echo "not ok - docs/ARCHITECTURE.md options table is stale"; rc=1; fi; \
	exit $$rc

# Regenerates the command-line options table in docs/ARCHITECTURE.md.
.PHONY: kernel-options-doc
kernel-options-doc:
	sh $(KERNEL_SRC)/tools/optionsdoc.sh $(KERNEL_SRC)/boot/options.def \
		--update $(TOP)/docs/ARCHITECTURE.md

HELP_TARGETS += rustux-kernel-build~~~~~the~kernel~ELF~(out/build/rustux-kernel/kernel.elf)
HELP_TARGETS += kernel-options-doc~~~~~~regenerate~the~options~table~in~docs/ARCHITECTURE.md

# The experimental arm64 and riscv64 ports: build, boot to "hello", power off (~5 s).
CHECK_SUITES += kernel-ports
.PHONY: check-kernel-ports
check-kernel-ports: | deps
	@$(KERNEL_SRC)/tests/ports.sh $(KERNEL_SRC) $(OUT)/build/rustux-kernel-ports

# make bench: boot-time stamps (median of 5 boots per console) and the ELF size.
BENCH_TARGETS += bench-kernel-boot
.PHONY: bench-kernel-boot
bench-kernel-boot: rustux-kernel-build rustux-kernel-cli rustux-boot-build
	@$(KERNEL_SRC)/tests/bench-boot.sh $(HOST)/bin/rustux-kernel $(KERNEL_DEV)/kernel.elf \
		$(OUT)/tmp/rustux-kernel-bench $${BENCH_RUNS:-5}
