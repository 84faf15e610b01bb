#!/bin/bash
# boot.sh - images: boot a disk image in QEMU + OVMF and wait for serial markers, TAP lines.
# SPDX-License-Identifier: MIT
#
# boot.sh NAME IMAGE [--usb]
#   Boots IMAGE through images/run.sh (serial to $BOOT_LOG_DIR/images-boot-NAME.serial,
#   BOOT_LOG_DIR defaulting to out/logs;
#   hard timeout BOOT_TIMEOUT seconds, default 90 scaled by QEMU_TIMEOUT_MULT) and
#   prints one TAP line per marker, in order: the loader started
#   (LOADER_MARK), the kernel started (KERNEL_MARK), and with SHELL_MARK set
#   a comment saying whether the shell prompt appeared. QEMU is stopped as soon as
#   the last marker appears, so a good boot costs only what it takes, and as
#   soon as a failure marker appears (FAIL_MARK: no slot left, a panic, the
#   firmware falling back to its shell), so a bad one does not wait for the timeout.
set -u
name=$1 img=$2
shift 2
top=$(cd "$(dirname "$0")/../.." && pwd)
log=${BOOT_LOG_DIR:-$top/out/logs}/images-boot-$name.serial
limit=$((${BOOT_TIMEOUT:-90} * ${QEMU_TIMEOUT_MULT:-1}))
marks=("loader:${LOADER_MARK:-rustux-boot: starting}" "kernel:${KERNEL_MARK:-^(RUSTUX|Rustux)}")
# SHELL_MARK, when set, is a third marker: the system came up to a shell. It is
# waited for but reported as a "#" comment, not a test, while the kernel's
# user space is young (a boot that resets after init starts was seen once in 7).
[ -z "${SHELL_MARK:-}" ] || marks+=("shell:$SHELL_MARK")
fail=${FAIL_MARK:-no slot left to boot|PANIC|Shell> }
mkdir -p "$(dirname "$log")"
rm -f "$log"
: >"$log"
setsid "$top/images/run.sh" "$@" --log "$log" --timeout "$limit" "$img" </dev/null >/dev/null 2>&1 &
pid=$!
found=0
for ((i = 0; i < limit * 4; i++)); do
	found=0
	for m in "${marks[@]}"; do
		grep -aqE "${m#*:}" "$log" && found=$((found + 1))
	done
	[ "$found" -eq ${#marks[@]} ] && break
	grep -aqE "$fail" "$log" && break
	kill -0 "$pid" 2>/dev/null || break
	sleep 0.25
done
kill -- -"$pid" 2>/dev/null
wait "$pid" 2>/dev/null
for m in "${marks[@]}"; do
	if [ "${m%%:*}" = shell ]; then
		if grep -aqE "${m#*:}" "$log"; then
			echo "# images_boot_${name}: reached the shell prompt"
		else
			echo "# images_boot_${name}: did not reach the shell prompt (log: $log)"
		fi
		continue
	fi
	if grep -aqE "${m#*:}" "$log"; then
		echo "ok - images_boot_${name}_reaches_${m%%:*}"
	else
		echo "not ok - images_boot_${name}_reaches_${m%%:*}"
		tail -n 20 "$log" | sed 's/^/# /'
	fi
done
