#!/bin/bash
# boot-fallback.sh - QEMU tests of rustux-boot's slots: corrupt kernel, boot counting, confirmation.
# SPDX-License-Identifier: MIT
#
# usage: boot-fallback.sh RUSTUX_KERNEL_CLI LOADER.EFI GOOD_KERNEL.elf WORKDIR [REAL_KERNEL.elf]
# Boots the loader's test kernel (packages/rustux-boot/tests/fixture) under
# OVMF through the CLI, one ESP image and one vars file per scenario, and
# checks the serial log and loader.conf on the ESP (mtype) after each boot.
# With REAL_KERNEL, one more boot checks that the real kernel comes up from
# slot a when slot b is corrupt. Prints TAP lines; 6 or 7 boots in all.
set -u
cli=$1 loader=$2 good=$3 work=$4 real=${5:-}
n=0
fails=0
export MTOOLS_SKIP_CHECK=1

check() {	# check DESCRIPTION COMMAND...
	local what=$1
	shift
	n=$((n + 1))
	if "$@"; then
		echo "ok $n $what"
	else
		echo "not ok $n $what"
		fails=$((fails + 1))
	fi
}

serial_has() {	# serial_has LOG TEXT
	tr -d '\r' <"$1" | grep -qF -- "$2"
}

conf_has() {	# conf_has ESP LINE
	mtype -i "$1" ::/EFI/Rustux/loader.conf | tr -d '\r' | grep -qx -- "$2"
}

# boot NAME N: boot scenario NAME's ESP once, serial to NAME/bootN.log.
boot() {
	"$cli" boot --disk "$work/$1/esp.img" --vars "$work/$1/vars.fd" \
		--serial-log "$work/$1/boot$2.log" --timeout 90 --workdir "$work/$1" 2>/dev/null
}

scenario() {	# scenario NAME SLOT_A_KERNEL SLOT_B_KERNEL LOADER_CONF_TEXT [ESP OPTIONS...]
	local name=$1 a=$2 b=$3 conf=$4
	shift 4
	rm -rf "${work:?}/$name"
	mkdir -p "$work/$name"
	printf '%s' "$conf" >"$work/$name/loader.conf"
	"$cli" esp --output "$work/$name/esp.img" --loader "$loader" --kernel "$a" \
		--kernel-b "$b" --conf "$work/$name/loader.conf" "$@" >/dev/null
}

mkdir -p "$work"
# A kernel cut short: its program headers point past the end of the file.
head -c 5000 "$good" >"$work/truncated.elf"

# 1. Slot b is the new default but its kernel is truncated. (The ESP also
#    has an initrd: 5000 bytes that must reach the kernel.)
scenario corrupt "$good" "$work/truncated.elf" "default b
fallback a
tries 3
slot-a-version 1.0.0
slot-b-version 2.0.0
slot-b-state new
" --initrd "$work/truncated.elf"
boot corrupt 1
log=$work/corrupt/boot1.log
check "corrupt: guest came up and passed" test $? -eq 0
check "corrupt: loader says why it skipped slot b" serial_has "$log" \
	"rustux-boot: slot b: kernel.elf: segment extends past the end of the file; booting fallback slot a"
check "corrupt: kernel runs from slot a with the fallback flag" serial_has "$log" \
	"fixture: slot a version 1.0.0 flags 3"
check "corrupt: the initrd reached the kernel" serial_has "$log" "initrd 5000"
check "corrupt: loader.conf marks slot b failed" conf_has "$work/corrupt/esp.img" "slot-b-state failed"
check "corrupt: loader.conf still names fallback a" conf_has "$work/corrupt/esp.img" "fallback a"

# 2. Slot b boots but never confirms: tried exactly `tries` (2) times.
scenario tries "$good" "$good" "default b
fallback a
tries 2
cmdline fixture.noconfirm=b
slot-a-version 1.0.0
slot-b-version 2.0.0
slot-b-state new
"
for i in 1 2 3; do
	boot tries $i
	check "tries: boot $i passed" test $? -eq 0
done
check "tries: boot 1 ran slot b, 1 try left" serial_has "$work/tries/boot1.log" \
	"fixture: slot b version 2.0.0 flags 0 tries-left 1"
check "tries: boot 2 ran slot b, 0 tries left" serial_has "$work/tries/boot2.log" \
	"fixture: slot b version 2.0.0 flags 0 tries-left 0"
check "tries: boot 3 says slot b ran out of tries" serial_has "$work/tries/boot3.log" \
	"rustux-boot: slot b: unconfirmed and no tries left, marked failed; booting fallback slot a"
check "tries: boot 3 ran slot a" serial_has "$work/tries/boot3.log" "fixture: slot a version 1.0.0 flags 3"
check "tries: slot b never confirmed" bash -c "! grep -q 'fixture: confirm slot b' $work/tries/boot*.log"
check "tries: loader.conf says slot b failed, 0 tries" bash -c \
	"mtype -i $work/tries/esp.img ::/EFI/Rustux/loader.conf | tr -d '\r' | grep -qx 'slot-b-state failed' &&
	 mtype -i $work/tries/esp.img ::/EFI/Rustux/loader.conf | tr -d '\r' | grep -qx 'slot-b-tries 0'"

# 3. Slot b confirms on its first boot; the next boot folds it in. The
#    1-second timeout shows the menu with both versions.
scenario confirm "$good" "$good" "default b
fallback a
tries 3
timeout 1
slot-a-version 1.0.0
slot-b-version 2.0.0
slot-b-state new
"
boot confirm 1
check "confirm: boot 1 passed" test $? -eq 0
check "confirm: menu lists slot a with its version" serial_has "$work/confirm/boot1.log" \
	"a) slot a: version 1.0.0, confirmed"
check "confirm: menu lists slot b with its version" serial_has "$work/confirm/boot1.log" \
	"b) slot b: version 2.0.0, new (default)"
check "confirm: kernel confirmed slot b" serial_has "$work/confirm/boot1.log" "fixture: confirm slot b: ok"
check "confirm: a try was spent" conf_has "$work/confirm/esp.img" "slot-b-tries 2"
boot confirm 2
check "confirm: boot 2 passed" test $? -eq 0
check "confirm: loader folded the confirmation" serial_has "$work/confirm/boot2.log" \
	"rustux-boot: slot b confirmed by the kernel"
check "confirm: boot 2 runs slot b as confirmed" serial_has "$work/confirm/boot2.log" \
	"rustux-boot: booting slot b (version 2.0.0, confirmed, tries left 0)"
check "confirm: loader.conf says slot b confirmed" conf_has "$work/confirm/esp.img" "slot-b-state confirmed"

# 4. The real kernel in slot a comes up (and runs its self-tests) when
#    the new kernel in slot b is corrupt.
if [ -n "$real" ]; then
	scenario realk "$real" "$work/truncated.elf" "default b
fallback a
tries 3
cmdline rustux.test=kernel
slot-a-version 1.0.0
slot-b-version 2.0.0
slot-b-state new
"
	boot realk 1
	check "real kernel: guest passed" test $? -eq 0
	check "real kernel: loader falls back from the corrupt slot b" serial_has "$work/realk/boot1.log" \
		"rustux-boot: slot b: kernel.elf: segment extends past the end of the file; booting fallback slot a"
	check "real kernel: kernel reports slot a" serial_has "$work/realk/boot1.log" \
		"RUSTUX: boot slot=a version=1.0.0"
	check "real kernel: self-tests pass" bash -c \
		"tr -d '\r' <$work/realk/boot1.log | grep -Eq 'RESULT [1-9][0-9]* passed, 0 failed'"
fi

[ "$fails" -eq 0 ]
