# rpg/rules.mk - build and test rules for rpg, the package tool.
# SPDX-License-Identifier: MIT
#
# make rpg             out/host/bin/rpg (+ out/build/rpg/librpg.a)
# make check-rpg-unit  every rpg/tests/unit/*_test.c under ASan/UBSan
# make check-rpg-interop, check-rpg-fuzz, fuzz: see rpg/README.md

RPG_SRCDIR := $(TOP)/rpg/src
RPG_BUILD := $(OUT)/build/rpg
RPG_ASAN := $(OUT)/build/rpg-asan
RPG_BOOTDIR := $(TOP)/packages/rustux-boot

RPG_CC ?= gcc
RPG_CFLAGS := -std=c11 -D_GNU_SOURCE -O2 -g -Wall -Wextra -Werror \
	-iquote $(RPG_SRCDIR) -iquote $(RPG_BOOTDIR) -MMD -MP
RPG_ASAN_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -Werror \
	-fsanitize=address,undefined -fno-omit-frame-pointer -fno-sanitize-recover=undefined \
	-iquote $(RPG_SRCDIR) -iquote $(RPG_BOOTDIR) -iquote $(TOP)/rpg/tests -MMD -MP
# libcurl is dlopen()ed by fetch.c when an http(s) URL is fetched (its headers
# are still needed: libcurl4-openssl-dev).
RPG_LIBS := -larchive -ljson-c -lsodium -lcrypto

# The library is every module: all of src/ but main.c and the cmd_*.c front ends,
# plus the loader.conf parser shared with the boot loader when it exists.
RPG_ALL_SRC := $(wildcard $(RPG_SRCDIR)/*.c)
RPG_CLI_SRC := $(filter $(RPG_SRCDIR)/main.c $(RPG_SRCDIR)/cmd_%.c,$(RPG_ALL_SRC))
RPG_LIB_SRC := $(filter-out $(RPG_CLI_SRC),$(RPG_ALL_SRC))
RPG_EXT_SRC := $(wildcard $(RPG_BOOTDIR)/loaderconf.c)

RPG_LIB_OBJ := $(patsubst $(RPG_SRCDIR)/%.c,$(RPG_BUILD)/%.o,$(RPG_LIB_SRC)) \
	$(patsubst $(RPG_BOOTDIR)/%.c,$(RPG_BUILD)/boot-%.o,$(RPG_EXT_SRC))
RPG_CLI_OBJ := $(patsubst $(RPG_SRCDIR)/%.c,$(RPG_BUILD)/%.o,$(RPG_CLI_SRC))
RPG_ASAN_OBJ := $(patsubst $(RPG_SRCDIR)/%.c,$(RPG_ASAN)/%.o,$(RPG_LIB_SRC)) \
	$(patsubst $(RPG_BOOTDIR)/%.c,$(RPG_ASAN)/boot-%.o,$(RPG_EXT_SRC))

RPG_UNIT_SRC := $(sort $(wildcard $(TOP)/rpg/tests/unit/*_test.c))
RPG_UNIT_BIN := $(patsubst $(TOP)/rpg/tests/unit/%.c,$(RPG_ASAN)/tests/%,$(RPG_UNIT_SRC))

.PHONY: rpg rpg-clean check-rpg-unit rpg-unit-build
rpg: $(RPG)

$(RPG): $(RPG_CLI_OBJ) $(RPG_BUILD)/librpg.a | deps
	@mkdir -p $(dir $@)
	$(RPG_CC) -o $@ $(RPG_CLI_OBJ) $(RPG_BUILD)/librpg.a $(RPG_LIBS)

$(RPG_BUILD)/librpg.a: $(RPG_LIB_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(RPG_BUILD)/%.o: $(RPG_SRCDIR)/%.c | deps
	@mkdir -p $(dir $@)
	$(RPG_CC) $(RPG_CFLAGS) -c -o $@ $<

$(RPG_BUILD)/boot-%.o: $(RPG_BOOTDIR)/%.c | deps
	@mkdir -p $(dir $@)
	$(RPG_CC) $(RPG_CFLAGS) -c -o $@ $<

$(RPG_ASAN)/librpg.a: $(RPG_ASAN_OBJ)
	@rm -f $@
	ar rcs $@ $^

$(RPG_ASAN)/%.o: $(RPG_SRCDIR)/%.c | deps
	@mkdir -p $(dir $@)
	$(RPG_CC) $(RPG_ASAN_CFLAGS) -c -o $@ $<

$(RPG_ASAN)/boot-%.o: $(RPG_BOOTDIR)/%.c | deps
	@mkdir -p $(dir $@)
	$(RPG_CC) $(RPG_ASAN_CFLAGS) -c -o $@ $<

$(RPG_ASAN)/tests/%_test: $(TOP)/rpg/tests/unit/%_test.c $(TOP)/rpg/tests/t.h $(RPG_ASAN)/librpg.a
	@mkdir -p $(dir $@)
	$(RPG_CC) $(RPG_ASAN_CFLAGS) -MF $@.d -o $@ $< $(RPG_ASAN)/librpg.a $(RPG_LIBS)

rpg-unit-build: $(RPG_UNIT_BIN)

# Unit tests run with the tests directory and a fresh scratch dir each;
# a binary that crashes is reported as one "not ok" line by the runner.
CHECK_SUITES += rpg-unit
check-rpg-unit: $(RPG_UNIT_BIN) $(RPG)
	@RPG=$(RPG) RPG_TESTS=$(TOP)/rpg/tests $(TOP)/rpg/tests/run-unit.sh \
		$(OUT)/tmp/rpg-unit $(RPG_UNIT_BIN)

rpg-clean:
	rm -rf $(RPG_BUILD) $(RPG_ASAN) $(RPG)

-include $(wildcard $(RPG_BUILD)/*.d $(RPG_ASAN)/*.d $(RPG_ASAN)/tests/*.d)

# End-to-end tests of the producer commands with the real minisign and bsdtar.
CHECK_SUITES += rpg-interop
.PHONY: check-rpg-interop
check-rpg-interop: $(RPG) | deps
	@cd $(TOP) && timeout 300 rpg/tests/interop.sh $(RPG) $(OUT)/tmp/rpg-interop

# Fuzzing (clang's libFuzzer): the manifest and index parsers and the archive
# reader, built from just the modules they need. check-rpg-fuzz runs a fixed
# number of seeded runs of each (deterministic); make fuzz runs each 5 minutes.
RPG_FUZZ := $(OUT)/build/rpg-fuzz
RPG_FUZZ_MODS := err ctx buf hash version manifest index archive
RPG_FUZZ_CFLAGS := -std=c11 -D_GNU_SOURCE -O1 -g -Wall -Wextra -fno-omit-frame-pointer \
	-iquote $(RPG_SRCDIR) -MMD -MP
RPG_FUZZ_OBJ := $(patsubst %,$(RPG_FUZZ)/%.o,$(RPG_FUZZ_MODS))
RPG_FUZZ_TARGETS := manifest index archive
RPG_FUZZ_BIN := $(patsubst %,$(RPG_FUZZ)/fuzz_%,$(RPG_FUZZ_TARGETS))
.SECONDARY: $(RPG_FUZZ_OBJ)
# Seeded runs per target in check (about 20 s in all; the archive reader is the slow one).
RPG_FUZZ_CHECK := manifest:30000 index:30000 archive:5000
RPG_FUZZ_TIME ?= 300

$(RPG_FUZZ)/%.o: $(RPG_SRCDIR)/%.c | deps
	@mkdir -p $(dir $@)
	clang $(RPG_FUZZ_CFLAGS) -fsanitize=fuzzer-no-link,address,undefined -c -o $@ $<

$(RPG_FUZZ)/fuzz_%: $(TOP)/rpg/tests/fuzz/fuzz_%.c $(RPG_FUZZ_OBJ)
	clang $(RPG_FUZZ_CFLAGS) -MF $@.d -fsanitize=fuzzer,address,undefined -o $@ $< \
		$(RPG_FUZZ_OBJ) $(RPG_LIBS)

# Seeds: the committed corpus plus a freshly built package for the archive reader.
$(RPG_FUZZ)/seeds/archive/hello.rpg: $(RPG) $(TOP)/rpg/tests/recipes/hello.json
	@mkdir -p $(dir $@)
	RPG_BUILDROOT=$(RPG_FUZZ)/buildroot $(RPG) -q build $(TOP)/rpg/tests/recipes/hello.json \
		-k $(TOP)/rpg/tests/keys/test.sec -o $(RPG_FUZZ)/seedpkg >/dev/null
	cp $(RPG_FUZZ)/seedpkg/hello-1.0-1.x86_64.rpg $@

.PHONY: check-rpg-fuzz fuzz rpg-fuzz-build
rpg-fuzz-build: $(RPG_FUZZ_BIN) $(RPG_FUZZ)/seeds/archive/hello.rpg

CHECK_SUITES += rpg-fuzz
check-rpg-fuzz: rpg-fuzz-build
	@cd $(TOP) && rpg/tests/run-fuzz.sh $(RPG_FUZZ) "-seed=1" 120 $(RPG_FUZZ_CHECK)

fuzz: rpg-fuzz-build
	@cd $(TOP) && rpg/tests/run-fuzz.sh $(RPG_FUZZ) "-max_total_time=$(RPG_FUZZ_TIME)" \
		$$(($(RPG_FUZZ_TIME) + 120)) $(RPG_FUZZ_TARGETS)

-include $(wildcard $(RPG_FUZZ)/*.d)

# How fast hash.c's SHA-256 (OpenSSL EVP) is against libsodium's, on this machine.
BENCH_TARGETS += bench-rpg-hash
.PHONY: bench-rpg-hash
bench-rpg-hash: $(RPG_BUILD)/librpg.a | deps
	$(RPG_CC) $(RPG_CFLAGS) -o $(RPG_BUILD)/hashbench $(TOP)/rpg/tests/hashbench.c \
		$(RPG_BUILD)/librpg.a $(RPG_LIBS)
	@$(RPG_BUILD)/hashbench

HELP_TARGETS += rpg~~~~~~~~~~~~~~~the~package~tool~out/host/bin/rpg
HELP_TARGETS += fuzz~~~~~~~~~~~~~~the~rpg~fuzzers,~RPG_FUZZ_TIME=300~seconds~each
