# packages/rustux-boot/tests/rules.mk - check-slots-e2e: kernel update, rollback and fallback in QEMU.
# SPDX-License-Identifier: MIT
#
# The live image with kernel V1 from out/repo, test kernel packages built
# from the real sources by e2e/recipes/, eight QEMU boots, ~3 min (e2e/README.md).

CHECK_SUITES += slots-e2e
SLOTS_E2E_DIR := $(TOP)/packages/rustux-boot/tests/e2e

.PHONY: check-slots-e2e

# The live image's packages but the kernel come from out/repo; V1 is built from its recipe.
check-slots-e2e: rpg rustica-mkimage rustux-boot base-files init sh coreutils | deps
	@RPG=$(RPG) MKIMAGE=$(HOST)/bin/rustica-mkimage OUT=$(OUT) KEY=$(SIGNING_KEY) \
		$(SLOTS_E2E_DIR)/run.sh
