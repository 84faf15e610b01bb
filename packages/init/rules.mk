# packages/init/rules.mk - host build and tests of init, and the in-system suite run on the host.
# SPDX-License-Identifier: MIT
#
# check-init builds the static musl init (proves it is static) and a sanitized
# host build, runs the unit tests (command line, inittab) and tests/init.sh
# (the test runner, --cmdline, --inittab). Then it installs base-files, coreutils,
# sh and init (the musl builds) into out/tmp/init/root.PID and runs that root's
# in-system suite (usr/lib/rustica/tests) with its own init --run-tests and
# PATH=root/bin: the same scripts and binaries a booted system runs. Last,
# tests/pid1.sh boots that root's init as PID 1 in a PID namespace (chroot).
CHECK_SUITES += init
HELP_TARGETS += check-init~~~~~~~~~~~~~~~~~host~tests~of~init~and~the~in-system~suite

INIT_SRC := $(TOP)/packages/init
INIT_HOST := $(OUT)/build/init-host

.PHONY: check-init init-musl init-host
init-musl: | deps
	@$(MAKE) -s -C $(INIT_SRC) O=$(OUT)/build/init-musl
init-host: | deps
	@$(MAKE) -s -C $(INIT_SRC) O=$(INIT_HOST) CC=gcc CFLAGS="$(SAN_FLAGS)" STATIC= \
		LDFLAGS="-fsanitize=address,undefined" all unit

check-init: init-musl init-host sh-musl coreutils-musl
	@file $(OUT)/build/init-musl/init | grep -q 'statically linked' \
		&& echo "ok 1 init_musl_static $$(stat -c %s $(OUT)/build/init-musl/init) bytes" \
		|| { echo "not ok 1 init_musl_static"; file $(OUT)/build/init-musl/init; }
	@ASAN_OPTIONS=detect_leaks=0 timeout 60 $(INIT_HOST)/unit
	@ASAN_OPTIONS=detect_leaks=0 timeout 120 sh $(INIT_SRC)/tests/init.sh $(INIT_HOST)/init \
		$(OUT)/tmp/init/scratch.$$$$ $(INIT_SRC)
	@sh $(INIT_SRC)/tests/insystem.sh $(TOP) $(OUT)
