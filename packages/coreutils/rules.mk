# packages/coreutils/rules.mk - host build and tests of coreutils.
# SPDX-License-Identifier: MIT
#
# check-coreutils builds the static musl binary (out/build/coreutils-musl, proves
# it is static) and a sanitized host build (out/build/coreutils-host), then
# runs tests/coreutils.sh against the host build's links with a clean env,
# then tests/gnu-diff.sh: the musl build against Debian's GNU tools.
CHECK_SUITES += coreutils
HELP_TARGETS += check-coreutils~~~~host~tests~of~coreutils

CU_SRC := $(TOP)/packages/coreutils
CU_HOST := $(OUT)/build/coreutils-host
SAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined

.PHONY: check-coreutils coreutils-musl coreutils-host
coreutils-musl: | deps
	@$(MAKE) -s -C $(CU_SRC) O=$(OUT)/build/coreutils-musl
coreutils-host: | deps
	@$(MAKE) -s -C $(CU_SRC) O=$(CU_HOST) CC=gcc CFLAGS="$(SAN_FLAGS)" STATIC= \
		LDFLAGS="-fsanitize=address,undefined"

check-coreutils: coreutils-musl coreutils-host
	@file $(OUT)/build/coreutils-musl/coreutils | grep -q 'statically linked' \
		&& echo "ok 1 coreutils_musl_static $$(stat -c %s $(OUT)/build/coreutils-musl/coreutils) bytes" \
		|| { echo "not ok 1 coreutils_musl_static"; file $(OUT)/build/coreutils-musl/coreutils; }
	@mkdir -p $(OUT)/tmp/coreutils
	@cd $(OUT)/tmp/coreutils && timeout 120 env -i PATH=$(CU_HOST)/bin TMPDIR=$(OUT)/tmp/coreutils \
		ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1 \
		/bin/sh $(CU_SRC)/tests/coreutils.sh
	@timeout 120 sh $(CU_SRC)/tests/gnu-diff.sh $(OUT)/build/coreutils-musl/bin $(OUT)/tmp/coreutils-gnu.$$$$
