# object/rules.mk - distro-level rules for the kernel's object layer and pure modules (engineer G's area)
# SPDX-License-Identifier: MIT
#
# Derived syscall files (tools/gensyscalls.mk), `make kernel-docs`, and the
# suite check-kernel-abi: docs/SYSCALL.md is current, Linux numbers are
# proved equal to the host's and musl's, the generator refuses bad tables.

KOBJ_SRC := $(TOP)/packages/rustux-kernel
SYSCALLS_SRC := $(KOBJ_SRC)
SYSCALLS_GEN := $(OUT)/build/rustux-kernel/gen
include $(KOBJ_SRC)/tools/gensyscalls.mk

CHECK_SUITES += kernel-abi
HELP_TARGETS += kernel-docs~~~~~~~regenerate~docs/SYSCALL.md~from~abi/syscalls.tab
.PHONY: kernel-gen kernel-docs check-kernel-abi

kernel-gen: $(SYSCALLS_GENERATED)

kernel-docs: $(SYSCALLS_TAB) $(SYSCALLS_AWK)
	awk -v what=doc -f $(SYSCALLS_AWK) $(SYSCALLS_TAB) >$(TOP)/docs/SYSCALL.md.tmp
	mv $(TOP)/docs/SYSCALL.md.tmp $(TOP)/docs/SYSCALL.md

check-kernel-abi:
	@$(KOBJ_SRC)/tools/check-syscalls.sh $(KOBJ_SRC) $(OUT)/tmp/kernel-abi $(TOP)/docs/SYSCALL.md

# Pure sources linked into every host unit test (check-kernel-unit, C's rules.mk).
# Listed by name: object/ and linux/ will also hold code that is not pure.
KOBJ_PURE_SRCS := object/object.c object/handle.c object/fd.c \
	fs/vfs.c fs/ramfs.c fs/devfs.c fs/file.c fs/initrd.c fs/procfmt.c \
	linux/exec_plan.c linux/initstack.c ipc/pipe.c tty/ldisc.c
KUNIT_EXTRA_SRCS += $(KOBJ_SRC)/tests/unit/kalloc_host.c $(addprefix $(KOBJ_SRC)/,$(KOBJ_PURE_SRCS))
KUNIT_EXTRA_DEPS += $(wildcard $(KOBJ_SRC)/abi/*.h $(KOBJ_SRC)/abi/*.def $(KOBJ_SRC)/abi/linux/*.h \
	$(wildcard $(addprefix $(KOBJ_SRC)/,$(KOBJ_PURE_SRCS:.c=.h))) \
	$(KOBJ_SRC)/lib/kalloc.h)
