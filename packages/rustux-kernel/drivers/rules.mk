# rules.mk - the console drivers' test: drive the live image's shell over serial and PS/2
# SPDX-License-Identifier: MIT
#
# make check-console   boots out/images/rustica-live.img once (about 15-40 s under TCG)

CONSOLE_TEST := $(TOP)/packages/rustux-kernel/drivers/console_test.py
CONSOLE_WORK := $(OUT)/tmp/console/check

CHECK_SUITES += console
.PHONY: check-console

check-console: image-live | deps
	@rm -rf $(CONSOLE_WORK) && mkdir -p $(CONSOLE_WORK)
	@timeout --kill-after=10 300 python3 $(CONSOLE_TEST) $(OUT)/images/rustica-live.img $(CONSOLE_WORK)
