# rpg/tests/rules.mk - rpg's end-to-end suites: scenarios, crash test, benchmark.
# SPDX-License-Identifier: MIT
#
# make check-rpg-scenarios   rpg/tests/scenarios/*.scn on real packages, sysroots, HTTP
# make check-rpg-crash       SIGKILL during real installs and upgrades, then recovery
# make bench-rpg             install/remove timings against dpkg, pacman and bsdtar

RPG_T_TMP := $(OUT)/tmp/rpg-tests
RPG_T_BUILD := $(OUT)/build/rpg-tests
RPG_HOSTILE := $(RPG_T_BUILD)/rpg-hostile

$(RPG_HOSTILE): $(TOP)/rpg/tests/hostile/rpg-hostile.c $(RPG_BUILD)/librpg.a | deps
	@mkdir -p $(dir $@)
	$(RPG_CC) $(RPG_CFLAGS) -o $@ $< $(RPG_BUILD)/librpg.a $(RPG_LIBS)

.PHONY: check-rpg-scenarios check-rpg-crash bench-rpg
CHECK_SUITES += rpg-scenarios
check-rpg-scenarios: $(RPG) $(RPG_HOSTILE)
	@RPG=$(RPG) RPG_HOSTILE=$(RPG_HOSTILE) RPG_TESTS=$(TOP)/rpg/tests \
		$(TOP)/rpg/tests/run-scenarios.sh $(RPG_T_TMP)/scenarios \
		$(sort $(wildcard $(TOP)/rpg/tests/scenarios/*.scn))

CHECK_SUITES += rpg-crash
check-rpg-crash: $(RPG)
	@RPG=$(RPG) RPG_TESTS=$(TOP)/rpg/tests $(TOP)/rpg/tests/crash/crash-test.sh \
		$(RPG_T_TMP)/crash

BENCH_TARGETS += bench-rpg
bench-rpg: $(RPG) | deps
	@RPG=$(RPG) $(TOP)/rpg/tests/bench/bench.sh $(OUT)/tmp/rpg-bench

-include $(wildcard $(RPG_T_BUILD)/*.d)
