# packages/base-files/rules.mk - host checks of the base-files tree.
# SPDX-License-Identifier: MIT
CHECK_SUITES += base-files

.PHONY: check-base-files
check-base-files:
	@sh $(TOP)/packages/base-files/tests/check.sh $(TOP)/packages/base-files $(OUT)/tmp/base-files.$$$$
