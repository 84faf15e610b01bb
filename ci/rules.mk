# ci/rules.mk - repository-wide checks that need no build.
CHECK_SUITES += style

.PHONY: check-style
check-style:
	@$(TOP)/ci/check-style.sh
