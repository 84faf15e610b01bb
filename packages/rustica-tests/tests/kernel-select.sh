#!/bin/sh
# kernel-select.sh - rustica-tests: in-system kernel check "select" (src/*.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest select
