# images/rules.mk - the image composer (rustica-mkimage), the images, make run, check-images.
# SPDX-License-Identifier: MIT

MKIMAGE := $(HOST)/bin/rustica-mkimage
IMAGES_BUILD := $(OUT)/build/mkimage
IMAGES_SRC := $(filter-out %_test.c,$(wildcard $(TOP)/images/mkimage/*.c))
IMAGES_OBJ := $(patsubst $(TOP)/images/mkimage/%.c,$(IMAGES_BUILD)/%.o,$(IMAGES_SRC))
IMAGES_CFLAGS := -std=c11 -O2 -g -Wall -Wextra -Werror -D_DEFAULT_SOURCE -MMD -MP
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

-include $(IMAGES_OBJ:.o=.d)

$(IMAGES_BUILD)/gpt_test: $(TOP)/images/mkimage/tests/gpt_test.c $(TOP)/images/mkimage/gpt.c \
		$(TOP)/images/mkimage/gpt.h | deps
	@mkdir -p $(dir $@)
	$(CC) $(IMAGES_TEST_CFLAGS) -o $@ $(TOP)/images/mkimage/tests/gpt_test.c $(TOP)/images/mkimage/gpt.c

check-images: $(IMAGES_BUILD)/gpt_test $(MKIMAGE)
	@rc=0; $(IMAGES_BUILD)/gpt_test || rc=1; \
	MKIMAGE=$(MKIMAGE) OUT=$(OUT) $(TOP)/images/tests/check.sh || rc=1; exit $$rc
