#!/bin/bash
# crash-test.sh - kill rpg with SIGKILL during real installs and upgrades; after
# the next rpg run (recovery) every package must be wholly old or wholly new.
# SPDX-License-Identifier: MIT
#
# usage: crash-test.sh TMPDIR   (env: RPG, RPG_TESTS)
#
# Two ways to stop rpg: at every named journal step (RPG_CRASH_AT=STEP makes
# rpg SIGKILL itself right there; see journal.h), and by kill -9 from outside
# after increasing delays spread over a normal run. After each kill, a plain
# "rpg list" must recover, the payload must equal the old or the new state
# exactly (listing + hashes), "rpg check" must pass and no staging file
# (.rpg-TXID-*) may remain.
set -u
mkdir -p "$1"
tmp=$(mktemp -d "$1/run.XXXXXX")	# our own: two "make check" at once must not collide
RPG=${RPG:?set RPG}
TESTS=${RPG_TESTS:-$(cd "$(dirname "$0")/.." && pwd)}
KEY=$TESTS/keys/test.sec
PUB=$TESTS/keys/test.pub
n=0
failed=0

mkdir -p "$tmp/pkgs"

# A package with many files in several directories, one larger file, links.
make_pkg() {
	local ver=$1 d=$tmp/src/app-$1
	python3 - "$d" "$ver" <<'PY'
import os, sys, random
d, ver = sys.argv[1], sys.argv[2]
rnd = random.Random(42 if ver == "1.0" else 43)
for i in range(12):
    for j in range(25):
        # v2 drops every 7th file and changes the rest.
        if ver == "2.0" and (i * 25 + j) % 7 == 0:
            continue
        p = os.path.join(d, "usr/share/app/d%02d" % i, "f%03d" % j)
        os.makedirs(os.path.dirname(p), exist_ok=True)
        with open(p, "wb") as f:
            f.write(("%s %d %d\n" % (ver, i, j)).encode() * rnd.randint(1, 200))
if ver == "2.0":
    os.makedirs(os.path.join(d, "usr/share/app/new"), exist_ok=True)
    with open(os.path.join(d, "usr/share/app/new/only-in-2"), "w") as f:
        f.write("new\n")
# Type changes: v1's file, directory and link become v2's directory, file
# and directory (moved aside / removed first, see TRANSACTIONS.md).
a = os.path.join(d, "usr/share/app")
if ver == "1.0":
    with open(os.path.join(a, "conv-f"), "w") as f:
        f.write("conv 1\n")
    os.makedirs(os.path.join(a, "conv-d/sub"), exist_ok=True)
    for n in ("conv-d/a", "conv-d/sub/b"):
        with open(os.path.join(a, n), "w") as f:
            f.write(n + "\n")
    os.symlink("d00", os.path.join(a, "conv-l"))
else:
    for n in ("conv-f/inner", "conv-d", "conv-l/y"):
        os.makedirs(os.path.dirname(os.path.join(a, n)), exist_ok=True)
        with open(os.path.join(a, n), "w") as f:
            f.write(n + " 2\n")
os.makedirs(os.path.join(d, "usr/bin"), exist_ok=True)
with open(os.path.join(d, "usr/bin/app"), "wb") as f:
    f.write(rnd.randbytes(3 << 20))
os.chmod(os.path.join(d, "usr/bin/app"), 0o755)
os.symlink("app", os.path.join(d, "usr/bin/app-" + ver))
PY
	cat >"$tmp/src/app-$ver.json" <<JSON
{ "name": "app", "version": "$ver", "release": 1, "arch": "x86_64", "type": "user",
  "summary": "crash test payload", "license": "MIT", "source": "app-$ver", "build": "true",
  "install": "cp -a \"\$SRCDIR/.\" \"\$DESTDIR/\"" }
JSON
	"$RPG" -q build "$tmp/src/app-$ver.json" -k "$KEY" -o "$tmp/pkgs" >/dev/null
}

# The payload part of a root (the db and cache are rpg's own business).
state() {
	(cd "$1" && find . -mindepth 1 -path ./var -prune -o -printf '%y %m %s %p -> %l\n' |
	    LC_ALL=C sort && find . -path ./var -prune -o -type f -exec sha256sum {} + |
	    LC_ALL=C sort -k2
	 "$RPG" --root "$1" list 2>/dev/null | cut -f1,2)
}

mkdir -p "$tmp/src"
make_pkg 1.0 && make_pkg 2.0 || { echo "not ok 1 build crash test packages"; exit 1; }
V1=$tmp/pkgs/app-1.0-1.x86_64.rpg
V2=$tmp/pkgs/app-2.0-1.x86_64.rpg

# Templates: empty (keys only), with v1, with v2.
mkdir -p "$tmp/t0/etc/rpg/keys"
cp "$PUB" "$tmp/t0/etc/rpg/keys/"
"$RPG" -q --root "$tmp/t0" list >/dev/null
cp -a "$tmp/t0" "$tmp/t1"
"$RPG" -q --root "$tmp/t1" install "$V1" || { echo "not ok 1 install v1"; exit 1; }
cp -a "$tmp/t1" "$tmp/t2"
"$RPG" -q --root "$tmp/t2" install "$V2" || { echo "not ok 1 upgrade to v2"; exit 1; }
state "$tmp/t0" >"$tmp/s0"
state "$tmp/t1" >"$tmp/s1"
state "$tmp/t2" >"$tmp/s2"

# After a kill: recover, then the state is $old or $new, and consistent.
verify() {
	local name=$1 root=$2 old=$3 new=$4 got
	n=$((n + 1))
	if ! timeout 60 "$RPG" -q --root "$root" list >/dev/null 2>"$tmp/recover.err"; then
		echo "not ok $n $name"; echo "# recovery failed: $(cat "$tmp/recover.err")"
		failed=$((failed + 1)); return
	fi
	state "$root" >"$tmp/got"
	if cmp -s "$tmp/got" "$old"; then got=old
	elif cmp -s "$tmp/got" "$new"; then got=new
	else
		echo "not ok $n $name"; echo "# neither old nor new:"
		diff "$old" "$tmp/got" | head -8 | sed 's/^/#   /'
		failed=$((failed + 1)); return
	fi
	if ! "$RPG" -q --root "$root" check >/dev/null 2>&1; then
		echo "not ok $n $name"; echo "# rpg check fails after recovery"; failed=$((failed + 1)); return
	fi
	if [ -n "$(find "$root" -name '.rpg-*' | head -1)" ] || [ -e "$root/var/lib/rpg/journal" ]; then
		echo "not ok $n $name"; echo "# staging files or journal left"; failed=$((failed + 1)); return
	fi
	echo "ok $n $name ($got)"
}

# op: install (t0 -> t1) or upgrade (t1 -> t2).
fresh() {
	rm -rf "$tmp/r"
	if [ "$1" = install ]; then cp -a "$tmp/t0" "$tmp/r"; else cp -a "$tmp/t1" "$tmp/r"; fi
}
pkg_for() { if [ "$1" = install ]; then echo "$V1"; else echo "$V2"; fi; }
old_for() { if [ "$1" = install ]; then echo "$tmp/s0"; else echo "$tmp/s1"; fi; }
new_for() { if [ "$1" = install ]; then echo "$tmp/s1"; else echo "$tmp/s2"; fi; }

STEPS="prepared aside staged-0 staged-3 staged-150 staged staged-299 committed renamed-1 renamed-100
renamed-280 renamed removed db-0 done"
for op in install upgrade; do
	for step in $STEPS; do
		fresh $op
		(RPG_CRASH_AT=$step timeout 60 "$RPG" -q --root "$tmp/r" install "$(pkg_for $op)"; true) \
		    >/dev/null 2>&1
		verify "$op killed at step $step" "$tmp/r" "$(old_for $op)" "$(new_for $op)"
	done
	# A crash during the recovery of a crash.
	for pair in renamed-100:renamed-200 renamed:removed committed:db-0; do
		fresh $op
		(RPG_CRASH_AT=${pair%%:*} timeout 60 "$RPG" -q --root "$tmp/r" install "$(pkg_for $op)"; true) \
		    >/dev/null 2>&1
		(RPG_CRASH_AT=${pair#*:} timeout 60 "$RPG" -q --root "$tmp/r" list; true) >/dev/null 2>&1
		verify "$op killed at ${pair%%:*}, recovery killed at ${pair#*:}" "$tmp/r" \
		    "$(old_for $op)" "$(new_for $op)"
	done
	# Kills from outside at increasing delays over a normal run's length.
	fresh $op
	t0=$(date +%s%N)
	"$RPG" -q --root "$tmp/r" install "$(pkg_for $op)" >/dev/null 2>&1
	len=$(( ($(date +%s%N) - t0) / 1000 ))	# microseconds
	for i in $(seq 0 9); do
		fresh $op
		delay=$(( len * i / 8 ))
		"$RPG" -q --root "$tmp/r" install "$(pkg_for $op)" >/dev/null 2>&1 &
		pid=$!
		sleep "$(printf '0.%06d' "$delay")" 2>/dev/null || sleep 0
		kill -9 "$pid" 2>/dev/null
		wait "$pid" 2>/dev/null
		true
		verify "$op killed after ${delay}us" "$tmp/r" "$(old_for $op)" "$(new_for $op)"
	done
done
echo "# $((n - failed)) passed, $failed failed"
if [ $failed = 0 ]; then rm -rf "$tmp"; else echo "# work directory kept: $tmp"; fi
[ $failed = 0 ]
