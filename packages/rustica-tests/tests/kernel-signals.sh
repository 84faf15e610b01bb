#!/bin/sh
# kernel-signals.sh - rustica-tests: in-system kernel check "signals" (src/ktest.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest signals
