# object/rules.mk - distro-level rules for the kernel's object layer and pure modules (engineer G's area)
# SPDX-License-Identifier: MIT
#
# Derived syscall files (tools/gensyscalls.mk), `make kernel-docs`, the
# suite check-kernel-abi (docs/SYSCALL.md and the docs/OBJECTS.md tables
# are current, Linux numbers are proved equal to the host's and musl's, the
# generator refuses bad tables), the pure sources of the host unit tests,
# and the fuzz suite check-kernel-fuzz.

KOBJ_SRC := $(TOP)/packages/rustux-kernel
SYSCALLS_SRC := $(KOBJ_SRC)
SYSCALLS_GEN := $(OUT)/build/rustux-kernel/gen
include $(KOBJ_SRC)/tools/gensyscalls.mk

CHECK_SUITES += kernel-abi
HELP_TARGETS += kernel-docs~~~~~~~regenerate~docs/SYSCALL.md~and~the~OBJECTS.md~tables
.PHONY: kernel-gen kernel-docs check-kernel-abi

kernel-gen: $(SYSCALLS_GENERATED)

kernel-docs: $(SYSCALLS_TAB) $(SYSCALLS_AWK)
	awk -v what=doc -f $(SYSCALLS_AWK) $(SYSCALLS_TAB) >$(TOP)/docs/SYSCALL.md.tmp
	mv $(TOP)/docs/SYSCALL.md.tmp $(TOP)/docs/SYSCALL.md
	sh $(KOBJ_SRC)/tools/gendefdoc.sh $(KOBJ_SRC) --update $(TOP)/docs/OBJECTS.md

check-kernel-abi:
	@rc=0; $(KOBJ_SRC)/tools/check-syscalls.sh $(KOBJ_SRC) $(OUT)/tmp/kernel-abi \
		$(TOP)/docs/SYSCALL.md || rc=1; \
	if sh $(KOBJ_SRC)/tools/gendefdoc.sh $(KOBJ_SRC) --check $(TOP)/docs/OBJECTS.md; then \
		echo "ok - docs/OBJECTS.md tables match abi/*.def"; \
	else echo "not ok - docs/OBJECTS.md tables are stale"; rc=1; fi; exit $$rc

# Pure sources linked into every host unit test (check-kernel-unit, C's rules.mk).
# Listed by name: object/ and linux/ will also hold code that is not pure.
KOBJ_PURE_SRCS := object/object.c object/handle.c object/fd.c \
	fs/vfs.c fs/ramfs.c fs/devfs.c fs/file.c fs/initrd.c fs/procfmt.c \
	linux/exec_plan.c linux/initstack.c linux/lx_errno.c ipc/pipe.c tty/ldisc.c
KUNIT_EXTRA_SRCS += $(KOBJ_SRC)/tests/unit/kalloc_host.c $(addprefix $(KOBJ_SRC)/,$(KOBJ_PURE_SRCS))
KUNIT_EXTRA_DEPS += $(wildcard $(KOBJ_SRC)/abi/*.h $(KOBJ_SRC)/abi/*.def $(KOBJ_SRC)/abi/linux/*.h \
	$(wildcard $(addprefix $(KOBJ_SRC)/,$(KOBJ_PURE_SRCS:.c=.h))) \
	$(KOBJ_SRC)/lib/kalloc.h)

# Fuzz targets (clang libFuzzer), a brief deterministic run each: check-kernel-fuzz.
CHECK_SUITES += kernel-fuzz
KFUZZ_OUT := $(OUT)/build/rustux-kernel-fuzz
KFUZZ_RUNS ?= 50000
KFUZZ_CFLAGS := -std=c11 -g -O1 -fno-builtin -fsanitize=fuzzer,address,undefined \
	-fno-sanitize-recover=undefined -include $(KOBJ_SRC)/tests/unit/host.h \
	-I$(KOBJ_SRC) -I$(KOBJ_SRC)/tests/unit
KFUZZ_SRCS_cpio := tests/fuzz/cpio_fuzz.c lib/cpio.c lib/string.c fs/vfs.c fs/ramfs.c \
	fs/initrd.c tests/unit/kalloc_host.c
KFUZZ_SRCS_exec := tests/fuzz/exec_fuzz.c lib/elf.c lib/string.c linux/exec_plan.c \
	linux/initstack.c
.PHONY: check-kernel-fuzz kernel-fuzz-build

$(KFUZZ_OUT)/cpio_fuzz: $(addprefix $(KOBJ_SRC)/,$(KFUZZ_SRCS_cpio)) | deps
	@mkdir -p $(@D)
	clang $(KFUZZ_CFLAGS) -o $@ $^

$(KFUZZ_OUT)/exec_fuzz: $(addprefix $(KOBJ_SRC)/,$(KFUZZ_SRCS_exec)) | deps
	@mkdir -p $(@D)
	clang $(KFUZZ_CFLAGS) -o $@ $^

# Seeds: the committed archive, a static musl ELF and a #! script built here.
$(KFUZZ_OUT)/seeds/exec/hello: $(KOBJ_SRC)/tests/fuzz/seeds/hello.c | deps
	@mkdir -p $(@D)
	musl-gcc -static -Os -s -o $@ $<
	printf '#!/bin/sh -e\necho hi\n' >$(@D)/script

kernel-fuzz-build: $(KFUZZ_OUT)/cpio_fuzz $(KFUZZ_OUT)/exec_fuzz $(KFUZZ_OUT)/seeds/exec/hello

check-kernel-fuzz: kernel-fuzz-build
	@rc=0; n=0; for t in cpio exec; do n=$$((n + 1)); \
		seeds=$(KOBJ_SRC)/tests/fuzz/seeds/$$t; [ $$t = exec ] && seeds=$(KFUZZ_OUT)/seeds/exec; \
		rm -rf $(KFUZZ_OUT)/corpus-$$t && mkdir -p $(KFUZZ_OUT)/corpus-$$t; \
		if timeout 300 $(KFUZZ_OUT)/$${t}_fuzz -seed=1 -runs=$(KFUZZ_RUNS) -max_len=65536 \
			-artifact_prefix=$(KFUZZ_OUT)/crash-$$t- $(KFUZZ_OUT)/corpus-$$t $$seeds \
			>$(KFUZZ_OUT)/$$t.log 2>&1; then \
			echo "ok $$n $${t}_fuzz: $(KFUZZ_RUNS) runs, $$(grep -c . $(KFUZZ_OUT)/$$t.log) log lines"; \
		else echo "not ok $$n $${t}_fuzz (see $(KFUZZ_OUT)/$$t.log)"; tail -30 $(KFUZZ_OUT)/$$t.log; rc=1; fi; \
	done; exit $$rc

# A user-space stand-in for execve runs real static binaries (a musl probe and
# Debian's glibc busybox) through lib/elf.c + linux/exec_plan.c +
# linux/initstack.c on the host: check-kernel-exec.
CHECK_SUITES += kernel-exec
KEXEC_OUT := $(OUT)/build/rustux-kernel-exec
.PHONY: check-kernel-exec

$(KEXEC_OUT)/probe: $(KOBJ_SRC)/tests/exec/probe.c | deps
	@mkdir -p $(@D)
	musl-gcc -static -O1 -o $@ $<

$(KEXEC_OUT)/loader_test: $(KOBJ_SRC)/tests/exec/loader_test.c $(KOBJ_SRC)/lib/elf.c \
		$(KOBJ_SRC)/lib/string.c $(KOBJ_SRC)/linux/exec_plan.c $(KOBJ_SRC)/linux/initstack.c \
		$(wildcard $(KOBJ_SRC)/linux/*.h $(KOBJ_SRC)/lib/elf.h) | deps
	@mkdir -p $(@D)
	gcc -std=c11 -O1 -g -Wall -Wextra -Werror -fno-builtin -include $(KOBJ_SRC)/tests/unit/host.h \
		-I$(KOBJ_SRC) -I$(KOBJ_SRC)/tests/unit -o $@ $(filter %.c,$^)

check-kernel-exec: $(KEXEC_OUT)/loader_test $(KEXEC_OUT)/probe
	@KEXEC_DIR=$(KEXEC_OUT) timeout 60 $(KEXEC_OUT)/loader_test
