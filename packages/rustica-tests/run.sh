#!/bin/sh
# run.sh - check-insystem: boot the test image once, TAP from init's TEST lines on the serial port
# SPDX-License-Identifier: MIT
#
# run.sh RK_CLI IMAGE WORKDIR
# The image's kernel command line has rustica.test=all, so init runs every
# /usr/lib/rustica/tests/*.sh, prints "TEST name ... PASS|FAIL" and
# "N passed, N failed", and powers off. The boot has a hard timeout; QEMU
# runs on a copy of the image (the boot slots' counters are written to it).
set -u
RK=$1 IMG=$2 W=$3
rm -rf "$W" && mkdir -p "$W" || exit 1
trap 'rm -rf "$W"' EXIT
fail() { echo "not ok 1 $*"; exit 1; }
cp "$IMG" "$W/disk.img" || fail "copy the image"
cp /usr/share/OVMF/OVMF_VARS_4M.fd "$W/vars.fd" || fail "copy OVMF variables"
"$RK" boot --disk "$W/disk.img" --timeout "${INSYSTEM_TIMEOUT:-420}" --memory 512M \
	--serial-log "$W/serial.log" --vars "$W/vars.fd" --workdir "$W/rk" >"$W/boot.err" 2>&1
st=$?
[ -s "$W/serial.log" ] || { sed 's/^/# /' "$W/boot.err"; fail "boot: no serial log (status $st)"; }
mkdir -p "${BOOT_LOG_DIR:-$(dirname "$W")}"
cp "$W/serial.log" "${BOOT_LOG_DIR:-$(dirname "$W")}/insystem.serial"
XFAIL=$(dirname "$0")/xfail.txt
tr -d '\r' <"$W/serial.log" | awk -v st="$st" -v xfile="$XFAIL" '
	BEGIN {
		while ((getline line <xfile) > 0)
			if (line !~ /^#/ && split(line, f, /[ \t]+/) > 1) xfail[f[1]] = 1
	}
	# A failing test prints its log first: remember the checks that failed in it.
	/^not ok [0-9]+ / { failed[++nf] = $4; next }
	/^FAIL [^ ]+:/ { c = $2; sub(/:$/, "", c); failed[++nf] = c; next }
	/^TEST .* \.\.\. (PASS|FAIL)/ {
		n++; name = $2
		if ($NF == "PASS") print "ok " n " insystem_" name
		else {
			known = nf > 0; why = ""
			for (i = 1; i <= nf; i++) {
				if (!((name ":" failed[i]) in xfail)) known = 0
				why = why " " failed[i]
			}
			if (known) print "ok " n " insystem_" name " # TODO known failures (xfail.txt):" why
			else { print "not ok " n " insystem_" name " #" why; bad = 1 }
		}
		nf = 0
		next
	}
	/^[0-9]+ passed, [0-9]+ failed/ { summary = $0 }
	{ tail[NR % 30] = $0 }
	END {
		n++
		if (summary != "" && n > 1) print "ok " n " insystem_runner_finished # " summary
		else {
			print "not ok " n " insystem_runner_finished (boot status " st ")"; bad = 1
			for (i = NR - 29; i <= NR; i++) if (i > 0) print "# " tail[i % 30]
		}
		exit bad
	}'
