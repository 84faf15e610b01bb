#!/bin/sh
# kernel-procfd.sh - rustica-tests: in-system kernel check "procfd" (src/*.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest procfd
