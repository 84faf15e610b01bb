#!/bin/bash
# interop.sh - rpg end-to-end tests of keygen, build, verify, inspect and repo index,
# checked with the real minisign and bsdtar. TAP output.
# SPDX-License-Identifier: MIT
#
# usage: interop.sh RPG TMPDIR   (run from the repository root)
# Works in a fresh TMPDIR.XXXXXX (so concurrent runs cannot collide), removed on success.
set -u
RPG=$(realpath "$1")
mkdir -p "$(dirname "$2")"
T=$(mktemp -d "$2.XXXXXX")
TESTS=$(pwd)/rpg/tests
KEYS=$TESTS/keys
n=0
failed=0

export RPG_BUILDROOT=$T/buildroot
export SOURCE_DATE_EPOCH=1700000000

ok() {
	n=$((n + 1))
	echo "ok $n $1"
}

not_ok() {
	n=$((n + 1))
	failed=$((failed + 1))
	echo "not ok $n $1"
	[ -s "$T/err" ] && sed 's/^/# stderr: /' "$T/err" | head -5
}

# check NAME COMMAND...: the command must succeed.
check() {
	local name=$1
	shift
	if "$@" >"$T/out" 2>"$T/err"; then ok "$name"; else not_ok "$name"; fi
}

# refuse NAME STATUS PATTERN COMMAND...: exit status STATUS and stderr matching PATTERN.
refuse() {
	local name=$1 want=$2 pat=$3 rc
	shift 3
	"$@" >"$T/out" 2>"$T/err"
	rc=$?
	if [ "$rc" -eq "$want" ] && grep -q -- "$pat" "$T/err" && [ "$(wc -l <"$T/err")" -ge 1 ]; then
		ok "$name"
	else
		echo "# exit status $rc, wanted $want; stderr should match: $pat"
		not_ok "$name"
	fi
}

build_hello() {
	"$RPG" -q build "$TESTS/recipes/hello.json" -k "$KEYS/test.sec" -o "$1"
}

PKG=$T/repo/hello-1.0-1.x86_64.rpg

# --- module boundaries (STYLE B3): each third-party library in its one module, silent library
SRC=rpg/src
only_in() {	# only_in PATTERN FILE...: no other rpg/src/*.c includes PATTERN
	local pat=$1 f
	shift
	for f in $(grep -lE "#include <$pat" "$SRC"/*.c); do
		case " $* " in *" $(basename "$f") "*) ;; *) echo "$f includes <$pat" >&2; return 1 ;; esac
	done
}
check boundary_json_c only_in 'json-c/' manifest.c index.c recipe.c
check boundary_sodium only_in 'sodium' sign.c hash.c
check boundary_libarchive only_in 'archive' archive.c
check boundary_openssl only_in 'openssl/' hash.c
check boundary_curl only_in 'curl/' fetch.c
check boundary_modules_silent bash -c "cd $SRC && ! ls *.c | grep -v '^cmd_\|^main\.c' | xargs grep -nE '(^|[^a-z_])(printf|puts|putchar|exit)\\(|fprintf\\(std|\"cmd\\.h\"' | grep -v '_exit('"

# --- command line
check cli_help "$RPG" --help
check cli_version "$RPG" --version
check cli_help_command "$RPG" help build
check cli_command_help "$RPG" build --help
refuse cli_unknown_command_is_usage 2 'unknown command' "$RPG" frobnicate
refuse cli_missing_args_is_usage 2 'usage: rpg build' "$RPG" build
refuse cli_bad_global_option_is_usage 2 'usage' "$RPG" --bogus list

# rpg.8's SYNOPSIS must say what the usage text says, word for word.
synopsis() {
	nroff -mandoc -Tascii -rLL=400n rpg/rpg.8 2>/dev/null | sed 's/.\x08//g' | sed -n '/^SYNOPSIS/,/^DESCRIPTION/p' |
	    sed '1d;$d' | sed 's/^ *//; /^$/d'
}
usage_lines() {
	"$RPG" --help | sed -n 's/^usage: //p; s/^  rpg /rpg /p'
}
synopsis >"$T/synopsis"
usage_lines >"$T/usage"
check manpage_synopsis_matches_usage diff "$T/synopsis" "$T/usage"

# --- keygen
check keygen_makes_a_pair "$RPG" -q keygen -s "$T/k.sec" -p "$T/k.pub"
refuse keygen_refuses_to_overwrite 1 'exists' "$RPG" keygen -s "$T/k.sec" -p "$T/k2.pub"
check minisign_signs_with_rpg_key minisign -S -s "$T/k.sec" -m "$TESTS/recipes/hello.json" -x "$T/h.minisig"
check rpg_pub_verifies_minisign_sig minisign -V -q -p "$T/k.pub" -m "$TESTS/recipes/hello.json" -x "$T/h.minisig"

# --- build
check build_prints_the_path bash -c "[ \"\$('$RPG' -q build '$TESTS/recipes/hello.json' -k '$KEYS/test.sec' -o '$T/repo')\" = '$PKG' ]"
cp "$PKG" "$T/first.rpg"
check build_is_reproducible bash -c "'$RPG' -q build '$TESTS/recipes/hello.json' -k '$KEYS/test.sec' -o '$T/repo' >/dev/null && cmp '$PKG' '$T/first.rpg'"
check build_default_epoch_is_reproducible bash -c "unset SOURCE_DATE_EPOCH; '$RPG' -q build '$TESTS/recipes/hello.json' -k '$KEYS/test.sec' -o '$T/r1' >/dev/null && '$RPG' -q build '$TESTS/recipes/hello.json' -k '$KEYS/test.sec' -o '$T/r2' >/dev/null && cmp '$T/r1/hello-1.0-1.x86_64.rpg' '$T/r2/hello-1.0-1.x86_64.rpg'"
check build_with_minisign_key "$RPG" -q build "$TESTS/recipes/hello.json" -k "$KEYS/minisign.sec" -o "$T/ms"
check build_with_encrypted_key env RPG_PASSPHRASE=test "$RPG" -q build "$TESTS/recipes/hello.json" -k "$KEYS/encrypted.sec" -o "$T/enc"
# The passphrase of an encrypted key from the terminal (script(1) gives rpg a pty).
check build_passphrase_from_terminal bash -c "(sleep 1; echo test) | timeout 60 script -qec \"env -u RPG_PASSPHRASE '$RPG' -q build '$TESTS/recipes/hello.json' -k '$KEYS/encrypted.sec' -o '$T/tty'\" /dev/null >/dev/null && test -s '$T/tty/hello-1.0-1.x86_64.rpg'"
check build_wrong_passphrase_from_terminal bash -c "(sleep 1; echo nope) | timeout 60 script -qec \"env -u RPG_PASSPHRASE '$RPG' -q build '$TESTS/recipes/hello.json' -k '$KEYS/encrypted.sec' -o '$T/tty2'\" /dev/null | grep -q 'wrong passphrase'"
ODD=odd-names-1.0~rc1-3.x86_64.rpg
check build_odd_names "$RPG" -q build "$TESTS/recipes/odd-names.json" -k "$KEYS/test.sec" -o "$T/odd1"
check build_odd_names_reproducible bash -c "'$RPG' -q build '$TESTS/recipes/odd-names.json' -k '$KEYS/test.sec' -o '$T/odd2' >/dev/null && cmp '$T/odd1/$ODD' '$T/odd2/$ODD'"
check verify_odd_names "$RPG" verify "$T/odd1/$ODD" -p "$KEYS/test.pub"
check bsdtar_reads_odd_names bash -c "LANG=C.UTF-8 bsdtar -tvf '$T/odd1/$ODD' | grep -q -- '-rws--x--x .*/ünïcødé/empty\$'"
check build_env_reaches_steps grep -qx 'hello 1.0-1' "$RPG_BUILDROOT/stage/hello/usr/share/hello/version"

# --- the container, read by bsdtar and minisign
bsdtar -tf "$PKG" >"$T/list" 2>"$T/err"
check bsdtar_lists_manifest_first bash -c "head -2 '$T/list' | tr '\n' ' ' | grep -qx '.RPG/manifest.json .RPG/manifest.json.minisig '"
check bsdtar_payload_sorted bash -c "tail -n +3 '$T/list' | sed 's,/\$,,' >'$T/p1'; LC_ALL=C sort '$T/p1' | cmp - '$T/p1'"
check bsdtar_owner_root bash -c "bsdtar -tvf '$PKG' | awk '{ if (\$3 != \"root\" || \$4 != \"root\") exit 1 }'"
check bsdtar_mtimes_clamped bash -c "TZ=UTC LC_ALL=C bsdtar -tvf '$PKG' | grep -v ' Nov 14  2023 ' | grep . && exit 1 || exit 0"
mkdir -p "$T/x"
bsdtar -xf "$PKG" -C "$T/x" .RPG 2>"$T/err"
check minisign_verifies_manifest minisign -V -q -p "$KEYS/test.pub" -m "$T/x/.RPG/manifest.json"
check minisign_rejects_wrong_key bash -c "! minisign -V -q -p '$KEYS/other.pub' -m '$T/x/.RPG/manifest.json' 2>/dev/null"

# --- verify
check verify_good "$RPG" verify "$PKG" -p "$KEYS/test.pub"
check verify_with_global_key "$RPG" --key "$KEYS/test.pub" verify "$PKG"
mkdir -p "$T/root/etc/rpg/keys"
cp "$KEYS/test.pub" "$T/root/etc/rpg/keys/"
check verify_with_root_keys "$RPG" --root "$T/root" verify "$PKG"
check verify_minisign_key_package "$RPG" verify "$T/ms/hello-1.0-1.x86_64.rpg" -p "$KEYS/minisign.pub"
check verify_several_reports_each bash -c "! '$RPG' verify '$PKG' '$T/nonexistent.rpg' '$PKG' -p '$KEYS/test.pub' >'$T/v.out' 2>'$T/v.err' && [ \$(grep -c ': OK hello-1.0-1' '$T/v.out') = 2 ] && [ \$(wc -l <'$T/v.err') = 1 ]"
refuse verify_untrusted_key 1 'hello-1.0-1.x86_64.rpg: signed by untrusted key' "$RPG" verify "$PKG" -p "$KEYS/other.pub"
refuse verify_no_keys 1 'no trusted keys' "$RPG" --root "$T/empty" verify "$PKG"

# Repack the extracted package after tampering: ENTRIES in order, as pax + zstd.
repack() {
	local out=$1
	shift
	(cd "$T/t" && bsdtar --format pax --zstd --uid 0 --gid 0 -cf "$out" --no-recursion "$@") 2>>"$T/err"
}
fresh() {
	rm -rf "$T/t"
	mkdir -p "$T/t"
	bsdtar -xpf "$PKG" -C "$T/t"
}
ENTRIES=".RPG/manifest.json .RPG/manifest.json.minisig usr usr/bin usr/bin/hello usr/bin/hi usr/share usr/share/hello usr/share/hello/README usr/share/hello/version"

fresh
repack "$T/same.rpg" $ENTRIES
check verify_repacked_untampered "$RPG" verify "$T/same.rpg" -p "$KEYS/test.pub"

fresh
echo evil >>"$T/t/usr/bin/hello"
repack "$T/bad.rpg" $ENTRIES
refuse verify_detects_changed_file 1 'usr/bin/hello: size' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
sed -i 's/hello from/HELLO FROM/' "$T/t/usr/bin/hello"
repack "$T/bad.rpg" $ENTRIES
refuse verify_detects_hash_mismatch 1 'usr/bin/hello: SHA-256 mismatch' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
echo x >"$T/t/usr/bin/extra"
repack "$T/bad.rpg" $ENTRIES usr/bin/extra
refuse verify_detects_extra_entry 1 'usr/bin/extra: not in the manifest' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
repack "$T/bad.rpg" ${ENTRIES% usr/share/hello/version}
refuse verify_detects_missing_entry 1 'usr/share/hello/version: missing from the payload' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
chmod 4755 "$T/t/usr/bin/hello"
repack "$T/bad.rpg" $ENTRIES
refuse verify_detects_setuid 1 'usr/bin/hello: mode 4755' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
rm "$T/t/usr/share/hello/version"
ln "$T/t/usr/share/hello/README" "$T/t/usr/share/hello/version"
repack "$T/bad.rpg" $ENTRIES
refuse verify_refuses_hard_link 1 'hard link refused' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
sed -i 's/Says hello/Says evil/' "$T/t/.RPG/manifest.json"
repack "$T/bad.rpg" $ENTRIES
refuse verify_detects_manifest_tamper 1 'signature does not verify' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
repack "$T/bad.rpg" .RPG/manifest.json $ENTRIES
refuse verify_refuses_duplicate_manifest 1 'not an rpg package' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

fresh
head -c 17000000 /dev/zero >"$T/t/.RPG/manifest.json"
repack "$T/bad.rpg" $ENTRIES
refuse verify_refuses_oversize_manifest 1 'manifest.json larger than 16777216 bytes' "$RPG" verify "$T/bad.rpg" -p "$KEYS/test.pub"

zstd -q -dc "$PKG" >"$T/plain.rpg"
refuse verify_refuses_uncompressed 1 'plain.rpg: not zstd-compressed' "$RPG" verify "$T/plain.rpg" -p "$KEYS/test.pub"
head -c 600 "$PKG" >"$T/trunc.rpg"
refuse verify_detects_truncation 1 'trunc.rpg' "$RPG" verify "$T/trunc.rpg" -p "$KEYS/test.pub"
refuse verify_names_missing_file 1 'nonexistent.rpg' "$RPG" verify "$T/nonexistent.rpg" -p "$KEYS/test.pub"

# --- inspect
check inspect_text bash -c "'$RPG' inspect '$PKG' | grep -qx 'symlink	0777	-	-	usr/bin/hi -> hello'"
check inspect_json bash -c "'$RPG' inspect --json '$PKG' | python3 -c 'import json,sys; m=json.load(sys.stdin); sys.exit(m[\"name\"] != \"hello\" or len(m[\"files\"]) != 8)'"

# --- build failures
mkrecipe() {
	mkdir -p "$T/rec"
	printf '%s\n' "$2" >"$T/rec/$1.json"
}
BASE='"name": "bad", "version": "1.0", "release": 1, "arch": "x86_64", "type": "user", "summary": "s", "license": "MIT"'
mkrecipe unknown "{ $BASE, \"colour\": \"red\" }"
refuse build_unknown_key 1 'unknown.json: "colour": unknown key' "$RPG" build "$T/rec/unknown.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe missing '{ "name": "bad", "version": "1.0" }'
refuse build_missing_field 1 'missing.json: "release": missing' "$RPG" build "$T/rec/missing.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe badver '{ "name": "bad", "version": "v1", "release": 1, "arch": "x86_64", "type": "user", "summary": "s", "license": "MIT" }'
refuse build_bad_version 1 'badver.json: "version": invalid value "v1"' "$RPG" build "$T/rec/badver.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe badtype '{ "name": "bad", "version": "1", "release": 1, "arch": "x86_64", "type": "app", "summary": "s", "license": "MIT" }'
refuse build_bad_type 1 'badtype.json: "type": must be' "$RPG" build "$T/rec/badtype.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe empty "{ $BASE, \"install\": \"true\" }"
refuse build_empty_payload 1 'empty.json: empty payload' "$RPG" build "$T/rec/empty.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe fails "{ $BASE, \"build\": \"echo building; false\" }"
refuse build_step_failure 1 'fails.json: "build" step failed (exit status 1)' "$RPG" build "$T/rec/fails.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe hardlink "{ $BASE, \"install\": \"echo a >\\\"\$DESTDIR/a\\\"; ln \\\"\$DESTDIR/a\\\" \\\"\$DESTDIR/b\\\"\" }"
refuse build_refuses_hard_links 1 'hard link refused' "$RPG" build "$T/rec/hardlink.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe fifo "{ $BASE, \"install\": \"mkfifo \\\"\$DESTDIR/p\\\"\" }"
refuse build_refuses_fifos 1 'p: device node, fifo or socket refused' "$RPG" build "$T/rec/fifo.json" -k "$KEYS/test.sec" -o "$T/o"
mkrecipe meta "{ $BASE, \"install\": \"mkdir -p \\\"\$DESTDIR/.RPG\\\"\" }"
refuse build_refuses_rpg_dir 1 '.RPG: reserved' "$RPG" build "$T/rec/meta.json" -k "$KEYS/test.sec" -o "$T/o"
refuse build_bad_key 1 'test.pub: not a minisign key file' "$RPG" build "$TESTS/recipes/hello.json" -k "$KEYS/test.pub" -o "$T/o"
check build_leaves_no_temp_files bash -c "! ls -A '$T/o' 2>/dev/null | grep -q ."

# --- repo index
check repo_index "$RPG" -q repo index "$T/repo" -k "$KEYS/test.sec"
check repo_minisign_verifies_index minisign -V -q -p "$KEYS/test.pub" -m "$T/repo/index.json"
check repo_index_lists_package python3 -c "
import hashlib, json, os, sys
ix = json.load(open('$T/repo/index.json'))
p = ix['packages'][0]
data = open('$PKG', 'rb').read()
sys.exit(not (ix['serial'] >= 1 and p['name'] == 'hello' and p['filename'] == os.path.basename('$PKG')
    and p['size'] == len(data) and p['sha256'] == hashlib.sha256(data).hexdigest()
    and p['depends'] == ['base-files>=0.1'] and 'files' not in p))"
s1=$(python3 -c "import json; print(json.load(open('$T/repo/index.json'))['serial'])")
"$RPG" -q repo index "$T/repo" -k "$KEYS/test.sec" 2>"$T/err"
s2=$(python3 -c "import json; print(json.load(open('$T/repo/index.json'))['serial'])")
check repo_serial_grows test "$s2" -gt "$s1"
check repo_serial_at_least_epoch test "$s1" -ge "$SOURCE_DATE_EPOCH"
cp "$T/ms/hello-1.0-1.x86_64.rpg" "$T/ms/copy.rpg" 2>/dev/null
refuse repo_refuses_misnamed_package 1 'copy.rpg: holds hello-1.0-1.x86_64.rpg' "$RPG" repo index "$T/ms" -k "$KEYS/minisign.sec"
rm -f "$T/ms/copy.rpg"
refuse repo_refuses_foreign_signature 1 'signed by untrusted key' "$RPG" repo index "$T/ms" -k "$KEYS/test.sec"
refuse repo_usage 2 'usage: rpg repo' "$RPG" repo list "$T/repo"

echo "# $((n - failed)) passed, $failed failed"
if [ "$failed" -ne 0 ]; then
	echo "# scratch directory kept: $T"
	exit 1
fi
rm -rf "$T"
