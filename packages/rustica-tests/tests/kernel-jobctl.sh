#!/bin/sh
# kernel-jobctl.sh - rustica-tests: in-system kernel check "jobctl" (src/*.c); init runs it in test mode
# SPDX-License-Identifier: MIT
exec /usr/libexec/rustica-tests/ktest jobctl
