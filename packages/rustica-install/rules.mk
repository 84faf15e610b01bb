# packages/rustica-install/rules.mk - build and tests of the installer.
# SPDX-License-Identifier: MIT
#
# make rustica-install-target   out/build/rustica-install-dev/rustica-install (static glibc, what
#                               the package ships; verifies with rpg's modules)
# make rustica-install-host     out/host/bin/rustica-install (links rpg's host library)
# make rustica-install-payload  out/build/rustica-install-payload: what the installer image
#                               carries in /var/cache/rpg/install (boot and kernel packages,
#                               the live image's initrd and its minisign signature)
# make check-rustica-install    FAT32 writer unit tests (fsck.fat, mtools), installs onto image
#                               files, tamper/fault cases, the static build, the installer
#                               image's payloads, and one QEMU boot of an installed disk

RI_DIR := $(TOP)/packages/rustica-install
# Not out/build/rustica-install: rpg build wipes that folder when it builds the package.
RI_BUILD := $(OUT)/build/rustica-install-dev
RI_TARGET := $(RI_BUILD)/rustica-install
RI_HOSTBIN := $(HOST)/bin/rustica-install
RI_PAYLOAD := $(OUT)/build/rustica-install-payload
RI_LIVE := $(OUT)/images/rustica-live.img
RI_SRCS := $(wildcard $(RI_DIR)/*.c $(RI_DIR)/*.h) $(TOP)/images/mkimage/gpt.c \
	$(TOP)/images/mkimage/gpt.h $(TOP)/packages/rustux-boot/loaderconf.c \
	$(TOP)/packages/rustux-boot/loaderconf.h $(wildcard $(TOP)/rpg/src/*.[ch])

CHECK_SUITES += rustica-install
HELP_TARGETS += rustica-install-host~~~~~the~installer~for~the~host,~out/host/bin/rustica-install \
	check-rustica-install~~~~installer~tests:~FAT32~writer,~installs~onto~image~files,~one~boot

.PHONY: rustica-install-target rustica-install-host rustica-install-payload check-rustica-install
rustica-install-target: $(RI_TARGET)
$(RI_TARGET): $(RI_SRCS) $(RI_DIR)/Makefile | deps
	@$(MAKE) -s --no-print-directory -C $(RI_DIR) O=$(RI_BUILD)

rustica-install-host: $(RI_HOSTBIN)
$(RI_HOSTBIN): $(RI_SRCS) $(RPG) | deps
	@$(MAKE) -s --no-print-directory -C $(RI_DIR) O=$(RI_BUILD) RPGLIB=$(OUT)/build/rpg/librpg.a host
	@mkdir -p $(dir $@)
	@cp $(RI_BUILD)/host/rustica-install $@

# The installer writes the live system: the newest rustux-boot and rustux-kernel
# packages of out/repo, and the live image's own initrd, signed here with the
# signing key (the installer image trusts its .pub).
rustica-install-payload: $(RI_PAYLOAD)/initrd.minisig
$(RI_PAYLOAD)/initrd.minisig: $(RI_LIVE) $(OUT)/repo/index.json $(RI_TARGET) $(MKIMAGE) | $(SIGNING_KEY)
	@rm -rf $(RI_PAYLOAD) && mkdir -p $(RI_PAYLOAD)
	@for p in rustux-boot rustux-kernel; do \
		f=$$(ls -v $(OUT)/repo/$$p-[0-9]*.rpg | tail -n 1) && cp "$$f" $(RI_PAYLOAD)/ || exit 1; \
	done
	@set -- $$($(MKIMAGE) esp-offset $(RI_LIVE)) && \
		MTOOLSRC=/dev/null MTOOLS_SKIP_CHECK=1 mcopy -i "$(RI_LIVE)@@$$1" ::/EFI/Rustux/initrd $(RI_PAYLOAD)/initrd
	$(RI_TARGET) --sign $(SIGNING_KEY) $(RI_PAYLOAD)/initrd
$(OUT)/images/rustica-installer.img: $(RI_PAYLOAD)/initrd.minisig

$(RI_BUILD)/fat32_test: $(RI_DIR)/tests/fat32_test.c $(RI_DIR)/fat32.c $(RI_DIR)/fat32.h | deps
	@mkdir -p $(dir $@)
	@gcc -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined \
		-fno-sanitize-recover=undefined -iquote $(RI_DIR) -o $@ $< $(RI_DIR)/fat32.c

# The boot test installs the real loader and kernel from out/repo with the live image's
# initrd, and the payload test reads the installer image: both images are built first, but
# a failure there (reported by check-images) only skips those tests instead of failing the
# host tests.
check-rustica-install: $(RI_HOSTBIN) $(RI_BUILD)/fat32_test $(RI_TARGET) $(RPG)
	@mkdir -p $(OUT)/tmp
	@$(MAKE) --no-print-directory image-live >$(OUT)/tmp/inst-image-live.log 2>&1 || \
		echo "# image-live failed (see out/tmp/inst-image-live.log): the boot test is skipped"
	@$(MAKE) --no-print-directory image-installer >$(OUT)/tmp/inst-image-installer.log 2>&1 || \
		echo "# image-installer failed (see out/tmp/inst-image-installer.log): its tests are skipped"
	@RI_LIVE_OK=$$(test -f $(RI_LIVE) && \
		! grep -q 'Error [0-9]' $(OUT)/tmp/inst-image-live.log && echo 1) \
		RI_INSTALLER_OK=$$(test -f $(OUT)/images/rustica-installer.img && \
		! grep -q 'Error [0-9]' $(OUT)/tmp/inst-image-installer.log && echo 1) \
		MKIMAGE=$(MKIMAGE) SIGNING_PUB=$(SIGNING_PUB) RI_BUILD=$(RI_BUILD) \
		timeout 600 bash $(RI_DIR)/tests/check.sh $(TOP) $(OUT)/tmp/inst
