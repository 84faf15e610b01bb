#!/bin/sh
# kernel-proc.sh - rustica-tests: in-system kernel check "proc" (src/ktest.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest proc
