#!/bin/sh
# kernel-forkexec.sh - rustica-tests: in-system kernel check "forkexec" (src/ktest.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest forkexec
