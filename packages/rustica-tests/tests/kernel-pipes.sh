#!/bin/sh
# kernel-pipes.sh - rustica-tests: in-system kernel check "pipes" (src/ktest.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest pipes
