#!/bin/sh
# kernel-threads.sh - rustica-tests: in-system kernel check "threads" (src/*.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest threads
