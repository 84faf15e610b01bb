# rules.mk - packages/rustica-tests: the test image and the in-system suite (check-insystem)
# SPDX-License-Identifier: MIT
#
# make image-test       out/images/rustica-test.img: the live set + rustica-tests,
#                       kernel command line rustica.test=all (packages/rustica-tests/image.json)
# make check-insystem   boots it once (OVMF/TCG, hard timeout) and turns init's
#                       "TEST name ... PASS|FAIL" serial lines into TAP

INSYS_IMG := $(OUT)/images/rustica-test.img
INSYS_WORK := $(OUT)/tmp/insystem

CHECK_SUITES += insystem
HELP_TARGETS += image-test~~~~~~~~the~test~image~out/images/rustica-test.img~(rustica.test=all)

.PHONY: image-test check-insystem
image-test: $(INSYS_IMG)

$(INSYS_IMG): $(TOP)/packages/rustica-tests/image.json $(MKIMAGE) $(OUT)/repo/index.json $(RPG) \
		| $(SIGNING_KEY)
	$(MKIMAGE) compose $< --repo $(OUT)/repo --repo-url $(REPO_URL) --key $(SIGNING_PUB) \
		--rpg $(RPG) --out $(OUT)/images --work $(OUT)/build/images/test

check-insystem: $(INSYS_IMG) rustux-kernel-cli | deps
	@timeout 600 sh $(TOP)/packages/rustica-tests/run.sh $(HOST)/bin/rustux-kernel $(INSYS_IMG) \
		$(INSYS_WORK)/run.$$$$

# make check-busybox-diff   diff/bbdiff.sh as PID 1 under Rustux (loader + OVMF) and under
#                           Debian's Linux kernel (-kernel, same initrd): same output (~50 s)
BBDIFF_VMLINUZ ?= $(lastword $(sort $(wildcard /boot/vmlinuz-*-amd64)))
CHECK_SUITES += busybox-diff
.PHONY: check-busybox-diff
check-busybox-diff: rustux-kernel-build rustux-kernel-cli rustux-boot-build | deps
	@timeout 300 sh $(TOP)/packages/rustica-tests/diff/run.sh $(HOST)/bin/rustux-kernel \
		$(OUT)/build/rustux-kernel/kernel.elf $(OUT)/build/rustux-boot/BOOTX64.EFI \
		"$(BBDIFF_VMLINUZ)" $(INSYS_WORK)/bbdiff.$$$$
