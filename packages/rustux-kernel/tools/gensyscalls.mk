# gensyscalls.mk - make rules deriving gen/syscall_*.h and the coverage listing from abi/syscalls.tab
# SPDX-License-Identifier: MIT
#
# Include with SYSCALLS_SRC (the kernel source directory) and SYSCALLS_GEN
# (the output directory, $(O)/gen) set; the kernel Makefile and the
# distro-level fragment object/rules.mk both use it. Prerequisite lists
# name $(SYSCALLS_GENERATED) to get every derived file.

SYSCALLS_TAB := $(SYSCALLS_SRC)/abi/syscalls.tab
SYSCALLS_AWK := $(SYSCALLS_SRC)/tools/gensyscalls.awk
SYSCALLS_GENERATED := $(SYSCALLS_GEN)/syscall_nr.h $(SYSCALLS_GEN)/syscall_table.h \
	$(SYSCALLS_GEN)/syscall_names.h $(SYSCALLS_GEN)/syscall_coverage.txt

$(SYSCALLS_GEN)/syscall_%.h: $(SYSCALLS_TAB) $(SYSCALLS_AWK)
	@mkdir -p $(@D)
	awk -v what=$* -f $(SYSCALLS_AWK) $(SYSCALLS_TAB) >$@.tmp && mv $@.tmp $@

$(SYSCALLS_GEN)/syscall_coverage.txt: $(SYSCALLS_TAB) $(SYSCALLS_AWK)
	@mkdir -p $(@D)
	awk -v what=coverage -f $(SYSCALLS_AWK) $(SYSCALLS_TAB) >$@.tmp && mv $@.tmp $@
