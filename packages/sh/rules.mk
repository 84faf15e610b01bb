# packages/sh/rules.mk - host build and tests of the shell.
# SPDX-License-Identifier: MIT
#
# check-sh builds the static musl shell (out/build/sh-musl, proves it is static)
# and a sanitized host build (out/build/sh-host), runs the C unit tests
# (lexer, parser, expansion, arithmetic, line editor) and tests/sh.sh with the
# host builds of sh and coreutils first in PATH, then tests/interactive.py,
# which drives `sh -i` on a pseudo-terminal (line editing, history, ^C, jobs),
# and tests/dash-check.sh, which checks the cases' .out files against dash.
CHECK_SUITES += sh
HELP_TARGETS += check-sh~~~~~~~~~~~~~~~~~~~host~tests~of~the~shell

SH_SRC := $(TOP)/packages/sh
SH_HOST := $(OUT)/build/sh-host

.PHONY: check-sh sh-musl sh-host
sh-musl: | deps
	@$(MAKE) -s -C $(SH_SRC) O=$(OUT)/build/sh-musl
sh-host: | deps
	@$(MAKE) -s -C $(SH_SRC) O=$(SH_HOST) CC=gcc CFLAGS="$(SAN_FLAGS)" STATIC= \
		LDFLAGS="-fsanitize=address,undefined" all unit
	@mkdir -p $(SH_HOST)/bin && ln -sf ../sh $(SH_HOST)/bin/sh

check-sh: sh-musl sh-host coreutils-host coreutils-musl
	@file $(OUT)/build/sh-musl/sh | grep -q 'statically linked' \
		&& echo "ok 1 sh_musl_static $$(stat -c %s $(OUT)/build/sh-musl/sh) bytes" \
		|| { echo "not ok 1 sh_musl_static"; file $(OUT)/build/sh-musl/sh; }
	@ASAN_OPTIONS=detect_leaks=0 timeout 60 $(SH_HOST)/unit
	@mkdir -p $(OUT)/tmp/sh
	@cd $(OUT)/tmp/sh && timeout 300 env -i PATH=$(SH_HOST)/bin:$(CU_HOST)/bin \
		TMPDIR=$(OUT)/tmp/sh ASAN_OPTIONS=detect_leaks=0 UBSAN_OPTIONS=halt_on_error=1 \
		$(SH_HOST)/sh $(SH_SRC)/tests/sh.sh
	@ASAN_OPTIONS=detect_leaks=0 timeout 120 python3 $(SH_SRC)/tests/interactive.py \
		$(SH_HOST)/sh $(SH_HOST)/bin:$(CU_HOST)/bin
	@timeout 120 python3 $(SH_SRC)/tests/interactive.py $(OUT)/build/sh-musl/sh \
		$(OUT)/build/coreutils-musl/bin | sed 's/^\(\(not \)*ok [0-9]*\) /\1 musl_/'
	@timeout 120 sh $(SH_SRC)/tests/dash-check.sh $(SH_SRC)/tests/cases $(OUT)/tmp/sh-dash.$$$$
