#!/bin/sh
# kernel-fuzz.sh - rustica-tests: in-system kernel check "fuzz" (src/ktest.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest fuzz
