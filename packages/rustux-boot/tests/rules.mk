# packages/rustux-boot/tests/rules.mk - check-slots-e2e: kernel update, rollback and fallback in QEMU.
# SPDX-License-Identifier: MIT
#
# The live image with kernel V1 from out/repo, test kernel packages built
# from the real sources by e2e/recipes/, seven QEMU boots (e2e/README.md).

SLOTS_E2E_DIR := $(TOP)/packages/rustux-boot/tests/e2e

.PHONY: check-slots-e2e

check-slots-e2e: $(RPG) $(HOST)/bin/rustica-mkimage $(OUT)/images/rustica-live.img | deps
	@RPG=$(RPG) MKIMAGE=$(HOST)/bin/rustica-mkimage OUT=$(OUT) KEY=$(SIGNING_KEY) \
		$(SLOTS_E2E_DIR)/run.sh
