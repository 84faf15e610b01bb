#!/bin/bash
# run.sh - slots-e2e: kernel update, rollback and fallback end to end in QEMU, TAP lines on stdout.
# SPDX-License-Identifier: MIT
#
# Needs RPG, MKIMAGE, OUT, KEY (signing secret key; its .pub is trusted) and
# out/repo with the live image's packages (make image-live). The scenario:
# compose the live image with kernel V1 from out/repo -> boot, uname -r = V1
# -> update to V2 from a test repository -> boot, uname -r = V2 -> rollback ->
# boot, V1, and V2's confirmation folded in -> update to a corrupt kernel ->
# the loader refuses it and falls back -> update to a kernel that panics ->
# tried `tries` times, then the fallback boots by itself. After every step the
# ESP must hold a confirmed, loadable kernel. Eight boots in five QEMU runs
# (the panic run holds four), each run under a hard timeout.
set -u
: "${RPG:?}" "${MKIMAGE:?}" "${OUT:?}" "${KEY:?}"
here=$(cd "$(dirname "$0")" && pwd)
export here RPG KEY
top=$(cd "$here/../../../.." && pwd)
pub=${KEY%.sec}.pub
mult=${QEMU_TIMEOUT_MULT:-1}
mkdir -p "$OUT/tmp/slots-e2e"
T=$(mktemp -d "$OUT/tmp/slots-e2e/run.XXXXXX")
keep=${SLOTS_E2E_KEEP:-0}
cleanup() {
	[ -z "${bgpid:-}" ] || kill -- -"$bgpid" 2>/dev/null
	if [ "$keep" = 1 ]; then echo "# work dir kept: $T"; else rm -rf "$T"; fi
}
trap cleanup EXIT
img=$T/disk.img vars=$T/OVMF_VARS.fd
n=0 failed=0

pass() { n=$((n + 1)); echo "ok $n slots_e2e_$1"; }
fail() {
	n=$((n + 1)) failed=$((failed + 1))
	echo "not ok $n slots_e2e_$1"
	[ ! -s "$T/last.log" ] || tail -n 25 "$T/last.log" | sed 's/^/# /'
}
ok() {	# ok NAME COMMAND...: one TAP line for the command's status
	local name=$1
	shift
	if "$@" >"$T/last.log" 2>&1; then pass "$name"; else fail "$name"; fi
}
rpgi() { "$RPG" --image "$img" "$@"; }
info() { rpgi info rustux-kernel >"$T/info" 2>&1; cat "$T/info"; }
slot_line() { rpgi info rustux-kernel | grep "^slot-$1	"; }	# slot_line a
# slot_is SLOT REGEX: the slot's info line matches (e.g. '0.1.1-1 new tries=3 default')
slot_is() { slot_line "$1" | grep -E "^slot-$1	$2"; }
# Bootable-and-confirmed: some confirmed slot whose kernel.elf is a whole ELF64
# file on the ESP (readelf checks the headers; the loader's checks are stricter).
esp_has_good_kernel() {
	local s off
	off=$("$MKIMAGE" esp-offset "$img" | cut -d' ' -f1) || return 1
	for s in a b; do
		slot_line "$s" | grep -q ' confirmed ' || continue
		rm -f "$T/k.elf"
		MTOOLS_SKIP_CHECK=1 mcopy -n -i "$img@@$off" "::/EFI/Rustux/slot-$s/kernel.elf" "$T/k.elf" &&
			readelf -lW "$T/k.elf" >"$T/k.phdr" 2>&1 && ! grep -q 'Warning\|Error' "$T/k.phdr" &&
			grep -q LOAD "$T/k.phdr" && return 0
	done
	echo "no confirmed slot with a loadable kernel.elf"
	return 1
}
check_esp() { ok "$1_esp_has_confirmed_kernel" esp_has_good_kernel; }
# boot NAME LIMIT: one QEMU run; log in $T/NAME.serial
boot() {
	echo "# boot $1: $(date -u +%T)"
	"$here/boot.sh" "$img" "$vars" "$T/$1.serial" $(($2 * mult))
}
uname_is() { grep -aqE "E2E-UNAME=$2=END" "$T/$1.serial" || { tail -n 30 "$T/$1.serial"; return 1; }; }
serial_has() { grep -aqE "$2" "$T/$1.serial" || { tail -n 30 "$T/$1.serial"; return 1; }; }
# build RECIPE.json REPO BUILDROOT: a signed test package in its own repository with a signed index
build() {
	mkdir -p "$2" &&
		RPG_BUILDROOT=$3 "$RPG" -q build "$1" -k "$KEY" -o "$2" &&
		"$RPG" repo index "$2" -k "$KEY"
}
update_from() { rpgi --repo "file://$T/$1" --key "$pub" update rustux-kernel; }

# The panicking kernel builds in the background while the first boots run.
setsid bash -c "$(declare -f build); build '$here/recipes/kernel-panic.json' '$T/repo-panic' '$T/build-panic'" \
	>"$T/build-panic.log" 2>&1 &
bgpid=$!

# --- V1: the live recipe with a serial console and panic=reboot. Kernel V1 is
# built here from the real recipe (recipes/rustux-kernel.json); the other
# packages are a snapshot of out/repo (others may be rebuilding it meanwhile).
snapshot_v1() {
	local p f i
	mkdir -p "$T/repo-v1"
	for p in rustux-boot base-files init sh coreutils; do
		for i in 1 2 3 4 5 6; do
			f=$(ls "$OUT/repo/$p"-[0-9]*.rpg 2>/dev/null | head -n 1)
			[ -n "$f" ] && cp "$f" "$T/repo-v1/" && "$RPG" -q verify "$T/repo-v1/${f##*/}" -p "$pub" && break
			rm -f "$T/repo-v1/$p"-[0-9]*.rpg
			sleep 5
		done
		ls "$T/repo-v1/$p"-[0-9]*.rpg >/dev/null || return 1
	done
}
ok snapshot_v1_repository snapshot_v1
ok build_v1_kernel_from_real_recipe build "$top/recipes/rustux-kernel.json" "$T/repo-v1" "$T/build-kernel"
ok compose_v1_image "$MKIMAGE" compose "$here/e2e-live.json" --repo "$T/repo-v1" \
	--repo-url "file://$T/repo-v1" --key "$pub" --rpg "$RPG" --out "$T/img" --work "$T/img/work"
cp "$T/img/rustica-slots-e2e.img" "$img" && cp /usr/share/OVMF/OVMF_VARS_4M.fd "$vars"
off=$("$MKIMAGE" esp-offset "$img" | cut -d' ' -f1)
tries=$(MTOOLS_SKIP_CHECK=1 mtype -i "$img@@$off" ::/EFI/Rustux/loader.conf | awk '$1 == "tries" {print $2}')
echo "# tries = ${tries:=3}"
v1=$(slot_line a | awk '{print $2}')
v1u=${v1%-*}
echo "# V1 = $v1"
ok v1_in_slot_a_confirmed_default slot_is a "$v1 confirmed tries=0 default"
ok build_v2_package build "$here/recipes/kernel-v2.json" "$T/repo-v2" "$T/build-kernel"
ok build_corrupt_package build "$here/recipes/kernel-corrupt.json" "$T/repo-corrupt" "$T/build-kernel"
ok corrupt_package_still_verifies "$RPG" verify "$T"/repo-corrupt/rustux-kernel-0.1.2-1.x86_64.rpg -p "$pub"

ok boot1_v1_runs_uname boot boot1 150
ok boot1_uname_is_v1 uname_is boot1 "$v1u"
check_esp boot1

# --- update to V2: slot b, new, default, with the configured tries
ok update_v2 update_from repo-v2
ok update_v2_slot_b_new_default slot_is b "0.1.1-1 new tries=$tries default"
ok update_v2_keeps_v1_confirmed slot_is a "$v1 confirmed"
check_esp update_v2
# slot a holds the only confirmed kernel: another update must not overwrite it
cp "$img" "$T/before.img"
ok update_refuses_only_confirmed_slot sh -c "! '$RPG' --image '$img' --repo 'file://$T/repo-corrupt' --key '$pub' update rustux-kernel"
ok refused_update_leaves_image cmp "$img" "$T/before.img"

ok boot2_v2_runs_uname boot boot2 150
ok boot2_uname_is_v2 uname_is boot2 0.1.1
ok boot2_loader_spent_a_try serial_has boot2 "booting slot b \\(version 0.1.1-1, new, tries left $((tries - 1))\\)"
ok boot2_kernel_confirms serial_has boot2 'RUSTUX: boot slot=b (confirmed|.*confirm)'
check_esp boot2

# --- rollback to V1
ok rollback rpgi rollback rustux-kernel
ok rollback_makes_a_default slot_is a "$v1 confirmed tries=0 default"
check_esp rollback
ok boot3_v1_again_runs_uname boot boot3 150
ok boot3_uname_is_v1 uname_is boot3 "$v1u"
ok boot3_v2_confirmation_folded slot_is b "0.1.1-1 confirmed tries=0"
check_esp boot3

# --- a corrupt kernel (validly signed package, truncated ELF)
ok update_corrupt update_from repo-corrupt
ok update_corrupt_goes_to_slot_b slot_is b "0.1.2-1 new tries=$tries default"
ok update_corrupt_keeps_v1_in_a slot_is a "$v1 confirmed"
check_esp update_corrupt
ok boot4_falls_back_runs_uname boot boot4 150
ok boot4_loader_refuses_corrupt_elf serial_has boot4 'rustux-boot: slot b: kernel.elf: .*booting fallback slot a'
ok boot4_never_entered_corrupt_kernel sh -c "! grep -aq 'RUSTUX: kernel 0.1.2' '$T/boot4.serial'"
ok boot4_uname_is_v1 uname_is boot4 "$v1u"
ok boot4_slot_b_failed slot_is b "0.1.2-1 failed"
check_esp boot4

# --- a kernel that panics right after entry (a build flag, not the shared cmdline)
ok build_panic_package wait "$bgpid"
bgpid=
[ -s "$T/build-panic.log" ] && cp "$T/build-panic.log" "$T/last.log"
# the loader leaves the failed slot the default: roll back first, then update
ok rollback_from_failed_slot rpgi rollback rustux-kernel
ok rollback_from_failed_makes_a_default slot_is a "$v1 confirmed tries=0 default"
ok rollback_refuses_failed_slot sh -c "! '$RPG' --image '$img' rollback rustux-kernel"
ok update_panic update_from repo-panic
ok update_panic_slot_b_new slot_is b "0.1.3-1 new tries=$tries default"
check_esp update_panic
ok boot5_panics_then_falls_back boot boot5 300
ok boot5_kernel_panicked serial_has boot5 'test build: RUSTUX_TEST_PANIC_AT_BOOT'
booted=$(grep -ac 'booting slot b (version 0.1.3-1' "$T/boot5.serial")
echo "# the panicking kernel was booted $booted times (tries $tries)"
ok boot5_tried_exactly_tries_times test "$booted" -eq "$tries"
ok boot5_loader_says_fallback serial_has boot5 'slot b: unconfirmed and no tries left, marked failed; booting fallback slot a'
ok boot5_uname_is_v1 uname_is boot5 "$v1u"
ok boot5_slot_b_failed slot_is b "0.1.3-1 failed"
ok boot5_slot_a_confirmed slot_is a "$v1 confirmed"
check_esp boot5

echo "# $n tests, $failed failed"
[ "$failed" -eq 0 ]
