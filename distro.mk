# distro.mk - the Rustica distribution: package list, toolchain, top-level targets.
# SPDX-License-Identifier: MIT
#
# `make help` is the index. Each area adds its own rules in a rules.mk
# beside its sources (rpg/, packages/<name>/…, images/), included at the end.

SHELL := /bin/bash
.DEFAULT_GOAL := all
.SUFFIXES:

TOP := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
OUT := $(TOP)/out
HOST := $(OUT)/host
RPG := $(HOST)/bin/rpg

# The package list, written once. Image contents live in images/<name>.json.
PACKAGES := rustux-boot rustux-kernel base-files init sh coreutils rustica-install rustica-tests

# Reproducible builds: every timestamp is clamped to the last commit's time.
SOURCE_DATE_EPOCH ?= $(shell git -C $(TOP) log -1 --format=%ct 2>/dev/null || echo 0)
export SOURCE_DATE_EPOCH

# Signing: SIGNING_KEY=path/to/key.sec, else a development key made once under out/keys.
ifeq ($(SIGNING_KEY),)
SIGNING_KEY := $(OUT)/keys/dev.sec
SIGNING_PUB := $(OUT)/keys/dev.pub
else
SIGNING_PUB ?= $(basename $(SIGNING_KEY)).pub
endif

CHECK_SUITES :=
BENCH_TARGETS :=
HELP_TARGETS :=

.PHONY: all deps help check bench clean packages repo publish

all: rpg packages

# Every target that needs a tool depends on this (order-only), so a fresh
# Debian 12 machine gets what it needs; the stamp keeps no-op builds fast.
deps: $(OUT)/.deps-ok
$(OUT)/.deps-ok: $(TOP)/ci/deps.sh
	@$(TOP)/ci/deps.sh
	@mkdir -p $(OUT) && touch $@

$(OUT)/keys/dev.sec: | rpg
	@mkdir -p $(OUT)/keys
	$(RPG) keygen -s $(OUT)/keys/dev.sec -p $(OUT)/keys/dev.pub

# One rule per package: rpg builds recipes/NAME.json into out/repo when its
# recipe, its sources or rpg itself changed.
RECIPES := $(filter $(PACKAGES),$(patsubst recipes/%.json,%,$(wildcard recipes/*.json)))

# Sources a package compiles in from outside its own folder (one home per concept).
PKG_DEPS_sh := $(wildcard packages/coreutils/lib/testexpr.[ch])
PKG_DEPS_rustux-boot := $(wildcard packages/rustux-kernel/lib/elf.[ch] packages/rustux-kernel/abi/*.h)
PKG_DEPS_rustica-install := $(wildcard images/mkimage/gpt.[ch] packages/rustux-boot/loaderconf.[ch] rpg/src/*.[ch])

define package_rules
.PHONY: $(1) $(1)-rebuild $(1)-clean
$(1): $(OUT)/stamps/pkg-$(1)
# A stamp whose package file has gone from out/repo no longer counts.
$(if $(wildcard $(OUT)/repo/$(1)-[0-9]*.rpg),,$(shell rm -f $(OUT)/stamps/pkg-$(1)))
$(OUT)/stamps/pkg-$(1): recipes/$(1).json $(shell find packages/$(1) -type f 2>/dev/null) $(PKG_DEPS_$(1)) $(RPG) $(SIGNING_KEY) | deps
	@mkdir -p $(OUT)/stamps $(OUT)/repo
	rm -f $(OUT)/repo/$(1)-[0-9]*.rpg
	$(RPG) -q build recipes/$(1).json -k $(SIGNING_KEY) -o $(OUT)/repo
	@touch $$@
$(1)-rebuild:
	rm -f $(OUT)/stamps/pkg-$(1)
	$(MAKE) $(1)
$(1)-clean:
	rm -rf $(OUT)/stamps/pkg-$(1) $(OUT)/build/$(1) $(OUT)/stage/$(1) $(OUT)/repo/$(1)-[0-9]*.rpg
endef
$(foreach p,$(RECIPES),$(eval $(call package_rules,$(p))))

packages: $(RECIPES)

# The signed index is redone only when a package was, so images that depend
# on it are not rebuilt for nothing.
repo: $(OUT)/repo/index.json
$(OUT)/repo/index.json: $(patsubst %,$(OUT)/stamps/pkg-%,$(RECIPES)) $(RPG) | $(SIGNING_KEY)
	$(RPG) -q repo index $(OUT)/repo -k $(SIGNING_KEY)

publish: repo
	@test -n "$(DEST)" || { echo "make publish: set DEST=dir" >&2; exit 2; }
	$(TOP)/repo/publish.sh -p $(SIGNING_PUB) $(OUT)/repo $(DEST)

check: | deps
	@$(TOP)/ci/check.sh $(CHECK_SUITES)

clean:
	rm -rf $(OUT)

help:
	@echo "Rustica: make TARGET"
	@echo "  all (default)     build rpg and every package into out/repo"
	@echo "  check             run every test suite; ends with 'N passed, N failed'"
	@echo "  bench             run the benchmarks: $(BENCH_TARGETS)"
	@echo "  repo              publish out/repo with a signed index"
	@echo "  publish DEST=dir  copy the published repository to dir"
	@echo "  PKG, PKG-rebuild, PKG-clean   one package: $(PACKAGES)"
	@echo "  check-SUITE       one test suite: $(CHECK_SUITES)"
	@echo "  clean             remove out/"
	@printf '  %s\n' $(foreach t,$(HELP_TARGETS),'$(subst ~, ,$(t))')
	@echo "Variables: SIGNING_KEY=path/to/key.sec (default: development key in out/keys)"

# Every area's rules: ci/, rpg/, images/ and packages/, any rules.mk up to three levels down.
include $(sort $(wildcard $(TOP)/ci/rules.mk $(TOP)/images/rules.mk \
	$(TOP)/rpg/rules.mk $(TOP)/rpg/*/rules.mk $(TOP)/rpg/*/*/rules.mk \
	$(TOP)/packages/*/rules.mk $(TOP)/packages/*/*/rules.mk $(TOP)/packages/*/*/*/rules.mk))

# After the includes: the areas add to BENCH_TARGETS, and prerequisites are
# expanded when a rule is read.
bench: $(BENCH_TARGETS)
