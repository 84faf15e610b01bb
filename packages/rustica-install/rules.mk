# packages/rustica-install/rules.mk - build and tests of the installer.
# SPDX-License-Identifier: MIT
#
# make rustica-install-musl   out/build/rustica-install/rustica-install (static, what the package ships)
# make rustica-install-host   out/host/bin/rustica-install (links rpg's library: verifies signatures)
# make check-rustica-install  FAT32 writer unit tests (fsck.fat, mtools), installs onto image files,
#                             tamper/fault cases, and one QEMU boot of an installed disk when the
#                             live image's packages are in out/repo

RI_DIR := $(TOP)/packages/rustica-install
RI_BUILD := $(OUT)/build/rustica-install
RI_HOSTBIN := $(HOST)/bin/rustica-install
RI_SRCS := $(wildcard $(RI_DIR)/*.c $(RI_DIR)/*.h) $(TOP)/images/mkimage/gpt.c \
	$(TOP)/images/mkimage/gpt.h $(TOP)/packages/rustux-boot/loaderconf.c \
	$(TOP)/packages/rustux-boot/loaderconf.h

CHECK_SUITES += rustica-install
HELP_TARGETS += rustica-install-host~~~~~the~installer~for~the~host,~out/host/bin/rustica-install \
	check-rustica-install~~~~installer~tests:~FAT32~writer,~installs~onto~image~files,~one~boot

.PHONY: rustica-install-musl rustica-install-host check-rustica-install
rustica-install-musl: | deps
	@$(MAKE) -s --no-print-directory -C $(RI_DIR) O=$(RI_BUILD)

rustica-install-host: $(RI_HOSTBIN)
$(RI_HOSTBIN): $(RI_SRCS) $(RPG) | deps
	@$(MAKE) -s --no-print-directory -C $(RI_DIR) O=$(RI_BUILD) RPGLIB=$(OUT)/build/rpg/librpg.a host
	@mkdir -p $(dir $@)
	@cp $(RI_BUILD)/host/rustica-install $@

$(RI_BUILD)/fat32_test: $(RI_DIR)/tests/fat32_test.c $(RI_DIR)/fat32.c $(RI_DIR)/fat32.h | deps
	@mkdir -p $(dir $@)
	@gcc -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined -iquote $(RI_DIR) -o $@ $< $(RI_DIR)/fat32.c

# The boot test installs the real loader and kernel from out/repo with the live image's
# initrd: image-live is built first, but a failure there (reported by check-images) only
# skips that test instead of failing the host tests.
check-rustica-install: $(RI_HOSTBIN) $(RI_BUILD)/fat32_test rustica-install-musl $(RPG)
	@mkdir -p $(OUT)/tmp
	@$(MAKE) --no-print-directory image-live >$(OUT)/tmp/inst-image-live.log 2>&1 || \
		echo "# image-live failed (see out/tmp/inst-image-live.log): the boot test is skipped"
	@RI_LIVE_OK=$$(test -f $(OUT)/images/rustica-live.img && \
		! grep -q 'Error [0-9]' $(OUT)/tmp/inst-image-live.log && echo 1) \
		timeout 600 bash $(RI_DIR)/tests/check.sh $(TOP) $(OUT)/tmp/inst
