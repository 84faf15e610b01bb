# images/rules.mk - the image composer (rustica-mkimage), the images, make run, check-images.
# SPDX-License-Identifier: MIT

MKIMAGE := $(HOST)/bin/rustica-mkimage
IMAGES_BUILD := $(OUT)/build/mkimage
IMAGES_SRC := $(filter-out %_test.c,$(wildcard $(TOP)/images/mkimage/*.c))
# loader.conf is read and written by the loader's own pure parser (one definition of the format).
IMAGES_OBJ := $(patsubst $(TOP)/images/mkimage/%.c,$(IMAGES_BUILD)/%.o,$(IMAGES_SRC)) \
	$(IMAGES_BUILD)/boot-loaderconf.o
# Paths are bounded up front (compose.c: plan), so snprintf truncation cannot happen.
IMAGES_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -Wno-format-truncation -D_DEFAULT_SOURCE -MMD -MP \
	-I$(TOP)/packages/rustux-boot
IMAGES_LIBS := -lcrypto -larchive -ljson-c
IMAGES_TEST_CFLAGS := -std=c11 -D_DEFAULT_SOURCE -O1 -g -Wall -Wextra -Werror -fsanitize=address,undefined

CHECK_SUITES += images
HELP_TARGETS += rustica-mkimage~~~~~build~the~image~composer~as~out/host/bin/rustica-mkimage

.PHONY: rustica-mkimage check-images

rustica-mkimage: $(MKIMAGE)

$(MKIMAGE): $(IMAGES_OBJ) | deps
	@mkdir -p $(dir $@)
	$(CC) -o $@ $(IMAGES_OBJ) $(IMAGES_LIBS)

$(IMAGES_BUILD)/%.o: $(TOP)/images/mkimage/%.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(IMAGES_CFLAGS) -c -o $@ $<

$(IMAGES_BUILD)/boot-loaderconf.o: $(TOP)/packages/rustux-boot/loaderconf.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(IMAGES_CFLAGS) -c -o $@ $<

-include $(IMAGES_OBJ:.o=.d)

$(IMAGES_BUILD)/gpt_test: $(TOP)/images/mkimage/tests/gpt_test.c $(TOP)/images/mkimage/gpt.c \
		$(TOP)/images/mkimage/gpt.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(IMAGES_TEST_CFLAGS) -o $@ $(TOP)/images/mkimage/tests/gpt_test.c $(TOP)/images/mkimage/gpt.c

# The real live image is tested (built twice, validated, booted as disk and USB
# stick) once the loader and the kernel have recipes; until then only the
# composer is, on a prepared sysroot.
IMAGES_LIVE_READY := $(and $(filter rustux-boot,$(RECIPES)),$(filter rustux-kernel,$(RECIPES)))
IMAGES_CHECK_DEPS := $(IMAGES_BUILD)/gpt_test $(IMAGES_BUILD)/espimg_test $(MKIMAGE) \
	$(if $(IMAGES_LIVE_READY),$(OUT)/images/rustica-live.img)
# The loader and its test kernel (packages/rustux-boot/rules.mk) boot a composed
# image even before the real kernel has a recipe.
IMAGES_BOOT_EFI := $(OUT)/build/rustux-boot/BOOTX64.EFI
IMAGES_FIXTURE := $(OUT)/build/rustux-boot-host/fixture-kernel.elf
ifneq ($(wildcard $(TOP)/packages/rustux-boot/tests/fixture/kernel.c),)
IMAGES_CHECK_DEPS += rustux-boot-build $(IMAGES_FIXTURE)
endif

check-images: $(IMAGES_CHECK_DEPS)
	@rc=0; $(IMAGES_BUILD)/gpt_test || rc=1; \
	MKIMAGE=$(MKIMAGE) ESPIMG_TEST=$(IMAGES_BUILD)/espimg_test OUT=$(OUT) \
		BOOT_EFI=$(IMAGES_BOOT_EFI) FIXTURE_KERNEL=$(IMAGES_FIXTURE) \
		$(TOP)/images/tests/check.sh || rc=1; \
	if [ -n "$(IMAGES_LIVE_READY)" ]; then \
		MKIMAGE=$(MKIMAGE) RPG=$(RPG) OUT=$(OUT) KEY=$(SIGNING_PUB) REPO_URL=$(REPO_URL) \
		IMAGES_COMPOSE_FLAGS="$(IMAGES_FLAGS_live)" $(TOP)/images/tests/live.sh || rc=1; \
	else \
		echo "# live image tests skipped: no recipe for rustux-boot and rustux-kernel yet"; \
	fi; exit $$rc

# --- the images ------------------------------------------------------------
# An image is remade when the composer, its recipe or the repository index
# changes; the index is remade only when a package was rebuilt, so a no-op
# `make image-live` does nothing and one changed source file redoes only its
# package, the index and the image.

IMAGES_OUT := $(OUT)/images
REPO_URL ?= file://$(OUT)/repo
# Extra composer flags per image (--allow-missing leaves out set members the
# repository lacks, with a warning). The installer image carries its installer's
# payloads (packages/rustica-install/rules.mk makes that folder from out/repo and
# the live image, and adds it to this image's prerequisites).
IMAGES_FLAGS_live ?=
IMAGES_FLAGS_installer ?= --payload $(OUT)/build/rustica-install-payload

HELP_TARGETS += image-live~~~~~~~~the~live~disk~image~out/images/rustica-live.img \
	image-installer~~~an~installer~disk~image~out/images/rustica-installer.img \
	run~~~~~~~~~~~~~~~boot~the~live~image~in~QEMU~(serial~here,~a~window~with~DISPLAY)

.PHONY: image-live image-installer run

# images_rule NAME: out/images/NAME.img from images/NAME.json
define images_rule
$(IMAGES_OUT)/rustica-$(1).img: $(TOP)/images/$(1).json $(TOP)/images/live.json $(MKIMAGE) \
		$(OUT)/repo/index.json $(RPG) | $(SIGNING_KEY)
	$(MKIMAGE) compose $(TOP)/images/$(1).json --repo $(OUT)/repo --repo-url $(REPO_URL) \
		--key $(SIGNING_PUB) --rpg $(RPG) --out $(IMAGES_OUT) \
		--work $(OUT)/build/images/$(1) $(IMAGES_FLAGS_$(1))
endef
$(eval $(call images_rule,live))
$(eval $(call images_rule,installer))

image-live: $(IMAGES_OUT)/rustica-live.img
image-installer: $(IMAGES_OUT)/rustica-installer.img

run: $(IMAGES_OUT)/rustica-live.img
	$(TOP)/images/run.sh $<

# rpg's --image backend (rpg/src/espimg.c) on a real image; it needs only rpg's error slot.
IMAGES_ESPIMG_SRC := $(TOP)/images/mkimage/tests/espimg_test.c $(TOP)/rpg/src/espimg.c \
	$(TOP)/rpg/src/err.c $(TOP)/rpg/src/ctx.c
$(IMAGES_BUILD)/espimg_test: $(IMAGES_ESPIMG_SRC) $(TOP)/rpg/src/espimg.h \
		$(TOP)/images/mkimage/gpt.c | deps
	@mkdir -p $(dir $@)
	$(CC) $(IMAGES_TEST_CFLAGS) -D_GNU_SOURCE -I$(TOP)/rpg/src -o $@ $(IMAGES_ESPIMG_SRC)

BENCH_TARGETS += bench-images
.PHONY: bench-images
bench-images:
	@$(TOP)/images/tests/bench.sh
