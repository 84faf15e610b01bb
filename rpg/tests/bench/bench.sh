#!/bin/bash
# bench.sh - time rpg install/remove against dpkg, pacman and a bare bsdtar -x.
# SPDX-License-Identifier: MIT
#
# usage: bench.sh WORKDIR   (env: RPG; RUNS=5; ROOTS=dir for the scratch roots,
#                            e.g. /dev/shm to take the disk out of the picture,
#                            or ROOTS=ext4: a fresh journaled ext4 loop image;
#                            RPG_BASE=another rpg binary adds it as "rpg-base",
#                            taking turns with the others: a before/after pair)
#
# One payload (2,000 files of 1-64 KiB in 50 folders plus one 20 MiB file) is
# packed as .rpg (rpg build), .deb (dpkg-deb -Zzstd), a pacman package
# (.PKGINFO + bsdtar + zstd) and a plain .tar.zst; each tool installs it into a
# fresh root and removes it again, RUNS times; medians and ratios are printed.
# dpkg runs twice: as stock Debian runs it (fsync of every file) and with
# --force-unsafe-io (what Docker-style images set in /etc/dpkg/dpkg.cfg.d).
# Not a test: nothing here passes or fails on time.
set -eu
W=$(realpath -m "$1")
RPG=${RPG:?set RPG}
RUNS=${RUNS:-5}
ROOTS=${ROOTS:-$W/roots}
if mountpoint -q "$W/mnt" 2>/dev/null; then umount "$W/mnt"; fi
rm -rf "$W"
mkdir -p "$W"
if [ "$ROOTS" = ext4 ]; then
	# A journaled ext4, as a stock install formats it, on the same disk as $W.
	truncate -s 1G "$W/ext4.img"
	mkfs.ext4 -q -F "$W/ext4.img"
	mkdir -p "$W/mnt"
	mount -o loop "$W/ext4.img" "$W/mnt"
	trap 'umount "$W/mnt"; rm -f "$W/ext4.img"' EXIT
	ROOTS=$W/mnt/roots
	# Allocate the sparse image's blocks once, so the first tool measured
	# does not pay for that alone.
	dd if=/dev/zero of="$W/mnt/warm" bs=1M count=512 conv=fsync status=none
	rm -f "$W/mnt/warm"
fi
mkdir -p "$ROOTS"

STARTED="$(date -u '+%Y-%m-%d %H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "bench-rpg: generating the payload" >&2
python3 - "$W/payload" <<'PY'
import os, random, sys
d = sys.argv[1]
rnd = random.Random(2026)
for i in range(2000):
    p = os.path.join(d, "usr/share/bench/d%02d" % (i % 50), "f%04d" % i)
    os.makedirs(os.path.dirname(p), exist_ok=True)
    with open(p, "wb") as f:
        f.write(rnd.randbytes(rnd.randint(1024, 65536)))
os.makedirs(os.path.join(d, "usr/lib/bench"), exist_ok=True)
with open(os.path.join(d, "usr/lib/bench/big.bin"), "wb") as f:
    f.write(rnd.randbytes(20 << 20))
PY
find "$W/payload" -exec touch -h -d @1700000000 {} +

echo "bench-rpg: packaging" >&2
"$RPG" -q keygen -s "$W/bench.sec" -p "$W/bench.pub" >/dev/null
cat >"$W/bench.json" <<JSON
{ "name": "bench", "version": "1.0", "release": 1, "arch": "x86_64", "type": "user",
  "summary": "benchmark payload", "license": "MIT", "source": "payload", "build": "true",
  "install": "cp -a \"\$SRCDIR/.\" \"\$DESTDIR/\"" }
JSON
"$RPG" -q build "$W/bench.json" -k "$W/bench.sec" -o "$W" >/dev/null
RPGFILE=$W/bench-1.0-1.x86_64.rpg

mkdir -p "$W/deb/DEBIAN"
cp -a "$W/payload/." "$W/deb/"
printf 'Package: bench\nVersion: 1.0-1\nArchitecture: all\nMaintainer: bench <b@example.org>\nDescription: benchmark payload\n' \
    >"$W/deb/DEBIAN/control"
dpkg-deb -Zzstd --root-owner-group --build "$W/deb" "$W/bench.deb" >/dev/null 2>&1 ||
    dpkg-deb -Zgzip --root-owner-group --build "$W/deb" "$W/bench.deb" >/dev/null

mkdir -p "$W/pac"
cp -a "$W/payload/." "$W/pac/"
size=$(du -sb "$W/payload" | cut -f1)
printf 'pkgname = bench\npkgbase = bench\npkgver = 1.0-1\npkgdesc = benchmark payload\nbuilddate = 1700000000\npackager = bench\nsize = %s\narch = any\n' \
    "$size" >"$W/pac/.PKGINFO"
(cd "$W/pac" && bsdtar --zstd --uid 0 --gid 0 -cf "$W/bench-1.0-1-any.pkg.tar.zst" .PKGINFO usr)
printf '[options]\nArchitecture = auto\nSigLevel = Never\nLocalFileSigLevel = Never\n' >"$W/pacman.conf"

(cd "$W/payload" && bsdtar --zstd --uid 0 --gid 0 -cf "$W/bench.tar.zst" usr)
# The packages sit on the roots' file system, as a cache or a download would.
mkdir -p "$ROOTS/pkgs"
cp "$RPGFILE" "$W/bench.deb" "$W/bench-1.0-1-any.pkg.tar.zst" "$W/bench.tar.zst" "$ROOTS/pkgs/"
RPGFILE=$ROOTS/pkgs/bench-1.0-1.x86_64.rpg
P=$ROOTS/pkgs
ls -l "$RPGFILE" "$W/bench.deb" "$W/bench-1.0-1-any.pkg.tar.zst" "$W/bench.tar.zst" |
    awk '{ printf "bench-rpg: %-40s %6.1f MiB\n", $9, $5 / 1048576 }' | sed "s|$W/||" >&2

now() { date +%s%N; }
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

# The file system of the roots, and for ext4 whether it has a journal (see settle).
fsinfo() {
	local src fs dev
	read -r src fs < <(findmnt -n -o SOURCE,FSTYPE -T "$ROOTS")
	dev=$(basename "$src")
	if [ "$fs" = ext4 ] && [ -r "/sys/fs/ext4/$dev/journal_task" ]; then
		if [ "$(cat "/sys/fs/ext4/$dev/journal_task")" = "<none>" ]; then
			fs="ext4 WITHOUT a journal: inode tables dropped from the cache before each install"
		else
			fs="ext4 with a journal"
		fi
	fi
	echo "$fs on $dev"
}
NOJOURNAL=0
case $(fsinfo) in "ext4 WITHOUT"*) NOJOURNAL=1 ;; esac

# Before each timed install: everything on disk. On an ext4 without a journal,
# also forget the cached inode tables: ext4 then skips every inode freed in the
# last minute while that block is cached, by a linear scan at each create, so a
# bench that removes and reinstalls the same 2,001 files would time that scan
# (1.3-2 s of kernel CPU for every tool, varying with the run order) instead of
# the tools. A real install does not follow a mass delete by seconds. The
# packages and the tools are read back in so that every tool starts warm.
# sync twice: on a loop image the first sync leaves its backing file dirty,
# and the next tool that syncs would wait for that too.
settle() {
	sync; sync
	if [ "$NOJOURNAL" = 1 ]; then
		echo 3 >/proc/sys/vm/drop_caches
		cat "$ROOTS"/pkgs/* "$RPG" ${RPG_BASE:+"$RPG_BASE"} "$(command -v dpkg)" \
		    "$(command -v pacman)" "$(command -v bsdtar)" >/dev/null 2>&1
	fi
}

prep_root() {
	local r=$ROOTS/r
	rm -rf "$r"
	mkdir -p "$r"
	case $1 in
	rpg*) mkdir -p "$r/etc/rpg/keys" && cp "$W/bench.pub" "$r/etc/rpg/keys/"
	     "$RPG" -q --root "$r" list >/dev/null ;;
	dpkg*) mkdir -p "$r/var/lib/dpkg/info" "$r/var/lib/dpkg/updates" "$r/var/log"
	     touch "$r/var/lib/dpkg/status" "$r/var/lib/dpkg/available" ;;
	pacman) mkdir -p "$r/var/lib/pacman" "$r/var/cache/pacman" ;;
	esac
	settle
}

install_cmd() {
	local r=$ROOTS/r
	case $1 in
	rpg) "$RPG" -q --root "$r" install "$RPGFILE" ;;
	rpg-base) "$RPG_BASE" -q --root "$r" install "$RPGFILE" ;;
	dpkg-stock) dpkg --no-force-unsafe-io --root="$r" --log=/dev/null \
	    --force-script-chrootless --force-not-root -i "$P/bench.deb" >/dev/null ;;
	dpkg-unsafe) dpkg --force-unsafe-io --root="$r" --log=/dev/null --force-script-chrootless \
	    --force-not-root -i "$P/bench.deb" >/dev/null ;;
	pacman) pacman -U --noconfirm --noscriptlet --config "$W/pacman.conf" -r "$r" \
	    --dbpath "$r/var/lib/pacman" --cachedir "$r/var/cache/pacman" --logfile /dev/null \
	    --hookdir "$W/nohooks" "$P/bench-1.0-1-any.pkg.tar.zst" >/dev/null 2>&1 ;;
	bsdtar) bsdtar -xf "$P/bench.tar.zst" -C "$r" ;;
	esac
}

remove_cmd() {
	local r=$ROOTS/r
	case $1 in
	rpg) "$RPG" -q --root "$r" remove bench ;;
	rpg-base) "$RPG_BASE" -q --root "$r" remove bench ;;
	dpkg-stock) dpkg --no-force-unsafe-io --root="$r" --log=/dev/null \
	    --force-script-chrootless --force-not-root -r bench >/dev/null ;;
	dpkg-unsafe) dpkg --force-unsafe-io --root="$r" --log=/dev/null --force-script-chrootless \
	    --force-not-root -r bench >/dev/null ;;
	pacman) pacman -R --noconfirm --noscriptlet --config "$W/pacman.conf" -r "$r" \
	    --dbpath "$r/var/lib/pacman" --logfile /dev/null --hookdir "$W/nohooks" bench \
	    >/dev/null 2>&1 ;;
	bsdtar) rm -rf "$r/usr" ;;
	esac
}

# Run "$@" and leave the CPU time its processes used (ms) in $1. The times
# builtin must run in this shell (not a $(...) subshell) to see the children.
cpu_of() {
	local out=$1
	shift
	times >"$out.0"
	"$@"
	times >"$out.1"
	cat "$out.0" "$out.1" | sed -n '2p;4p' | tr 'ms' '  ' |
	    awk '{ t[NR] = ($1 * 60 + $2 + $3 * 60 + $4) * 1000 } END { printf "%d\n", t[2] - t[1] }' >"$out"
}

mkdir -p "$W/nohooks"
TOOLS="rpg${RPG_BASE:+ rpg-base} dpkg-stock dpkg-unsafe pacman bsdtar"
# The tools take turns, run by run, so that each meets the same state of the
# disk (and of the machine's load) rather than one tool all the good minutes.
declare -A MI MR MC
for t in $TOOLS; do
	: >"$W/$t.install"
	: >"$W/$t.remove"
	: >"$W/$t.cpu"
done
for i in $(seq "$RUNS"); do
	for t in $TOOLS; do
		prep_root "$t"
		a=$(now); cpu_of "$W/cpu" install_cmd "$t"; b=$(now)
		cat "$W/cpu" >>"$W/$t.cpu"
		[ "$(find "$ROOTS/r/usr" -type f | wc -l)" = 2001 ] || { echo "bench-rpg: $t installed a wrong tree" >&2; exit 1; }
		settle
		c=$(now); remove_cmd "$t"; d=$(now)
		echo $(( (b - a) / 1000000 )) >>"$W/$t.install"
		echo $(( (d - c) / 1000000 )) >>"$W/$t.remove"
	done
done
for t in $TOOLS; do
	MI[$t]=$(median <"$W/$t.install")
	MR[$t]=$(median <"$W/$t.remove")
	MC[$t]=$(median <"$W/$t.cpu")
done
rm -rf "$ROOTS/r" "$ROOTS/pkgs"

ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf (b > 0 ? "%.2f" : "-"), a / b }'; }
verdict() { awk -v a="$1" -v b="$2" -v m="$3" 'BEGIN { print (b > 0 && a / b <= m) ? "met" : "NOT met" }'; }
label() {
	case $1 in
	dpkg-stock) echo "dpkg (stock: fsync)" ;;
	dpkg-unsafe) echo "dpkg (force-unsafe-io)" ;;
	*) echo "$1" ;;
	esac
}

echo "bench-rpg: started $STARTED; ended $(date -u '+%H:%M UTC'), load average $(cut -d' ' -f1-3 /proc/loadavg); $(nproc) CPUs"
echo "bench-rpg: $RUNS runs each, medians in ms, roots in $ROOTS ($(fsinfo))"
printf '%-24s %8s %8s %12s   %s\n' tool install remove "install-cpu" "rpg's install / the tool's (wall, cpu)"
for t in $TOOLS; do
	printf '%-24s %8s %8s %12s   %s, %s\n' "$(label "$t")" "${MI[$t]}" "${MR[$t]}" "${MC[$t]}" \
	    "$(ratio "${MI[rpg]}" "${MI[$t]}")" "$(ratio "${MC[rpg]}" "${MC[$t]}")"
done
cfg=$(grep -ls '^force-unsafe-io' /etc/dpkg/dpkg.cfg /etc/dpkg/dpkg.cfg.d/* 2>/dev/null | head -1 || true)
echo "stock Debian dpkg fsyncs every file; --force-unsafe-io does not${cfg:+ (and $cfg sets it on this machine)}."
echo "rpg syncs each file system it wrote (syncfs) before and after its commit."
echo "target rpg <= 0.5 x stock dpkg:  $(ratio "${MI[rpg]}" "${MI[dpkg-stock]}")  $(verdict "${MI[rpg]}" "${MI[dpkg-stock]}" 0.5)" \
    "(against dpkg --force-unsafe-io: $(ratio "${MI[rpg]}" "${MI[dpkg-unsafe]}"))"
echo "target rpg <= 1 x pacman:        $(ratio "${MI[rpg]}" "${MI[pacman]}")  $(verdict "${MI[rpg]}" "${MI[pacman]}" 1)"
echo "target rpg <= 2 x bsdtar -x:     $(ratio "${MI[rpg]}" "${MI[bsdtar]}")  $(verdict "${MI[rpg]}" "${MI[bsdtar]}" 2)"
