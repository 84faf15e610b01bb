#!/bin/bash
# run-scenarios.sh - run rpg's declarative end-to-end scenarios (scenarios/*.scn).
# SPDX-License-Identifier: MIT
#
# usage: run-scenarios.sh TMPDIR SCENARIO.scn...   (env: RPG, RPG_HOSTILE, RPG_TESTS)
# Works in a fresh TMPDIR/run.XXXXXX, removed when every scenario passed.
#
# Each scenario gets a fresh work dir and sysroot, builds its packages with
# the real `rpg build`, and prints one TAP line. The language (one command
# a line, '#' comments, words split like the shell's):
#
#   package NAME VERSION [depends=A>=1,B] [conflicts=C] [provides=D] [type=T] [release=N]
#     file PATH CONTENT [MODE]     a file holding CONTENT and a newline
#     big PATH BYTES               a file of BYTES pseudo-random bytes
#     link PATH TARGET
#     dir PATH [MODE]
#   end                            builds it; refer to it as @NAME-VERSION
#   hostile CASE @REF NEWNAME      crafts @NEWNAME from @REF with rpg-hostile
#   repo [--key NAME] @REF...      publishes the packages in the work repo, index signed
#                                  with keys/test.sec (or keys/NAME.sec)
#   serve                          serves the repo over http://127.0.0.1 and configures it
#   use-file-repo                  configures the repo as file://
#   run [!] ARGS...                rpg --root ROOT ARGS (! = must fail); @REF -> file
#   sh COMMAND                     any shell command, in W (ROOT, W, RPG, TESTS set)
#   snapshot / expect-unchanged    a full listing + hash of ROOT, then compare with it
#   expect-file PATH CONTENT | expect-absent PATH | expect-link PATH TARGET
#   expect-mode PATH OCTAL | expect-installed NAME V-R | expect-not-installed NAME
#   expect-stdout TEXT | expect-stderr TEXT     substring of the last run's output
set -u
# A directory of its own per run: two "make check" at once must not collide.
mkdir -p "$1"
tmp=$(mktemp -d "$1/run.XXXXXX")
shift
RPG=${RPG:?set RPG}
TESTS=${RPG_TESTS:-$(cd "$(dirname "$0")" && pwd)}
KEY=$TESTS/keys/test.sec
PUB=$TESTS/keys/test.pub
n=0
failed=0
server_pid=

stop_server() {
	if [ -n "$server_pid" ]; then
		kill "$server_pid" 2>/dev/null
		wait "$server_pid" 2>/dev/null
		server_pid=
	fi
}
trap stop_server EXIT

fail() {
	why="$*"
	return 1
}

# Listing of a tree: type, mode, size, path, link target; then every file's hash.
snapshot_of() {
	(cd "$1" && find . -mindepth 1 -printf '%y %m %s %p -> %l\n' | LC_ALL=C sort &&
	    find . -type f -exec sha256sum {} + | LC_ALL=C sort -k2)
}

subst() {
	local a out=()
	for a in "$@"; do
		if [[ $a == @* ]] && [ -n "${ref[${a#@}]:-}" ]; then
			out+=("${ref[${a#@}]}")
		else
			out+=("$a")
		fi
	done
	printf '%s\0' "${out[@]}"
}

build_pkg() {
	local name=$1 ver=$2 d=$W/src/$1-$2
	local deps= confl= prov= type=user rel=1 kv
	shift 2
	for kv in "$@"; do
		case $kv in
		depends=*) deps=${kv#depends=} ;;
		conflicts=*) confl=${kv#conflicts=} ;;
		provides=*) prov=${kv#provides=} ;;
		type=*) type=${kv#type=} ;;
		release=*) rel=${kv#release=} ;;
		*) fail "package: unknown $kv"; return 1 ;;
		esac
	done
	jl() { local IFS=,; local x s=; for x in $1; do s="$s${s:+, }\"$x\""; done; echo "[$s]"; }
	cat >"$W/src/$name-$ver.json" <<JSON
{ "name": "$name", "version": "$ver", "release": $rel, "arch": "x86_64", "type": "$type",
  "summary": "scenario package $name", "license": "MIT",
  "depends": $(jl "$deps"), "conflicts": $(jl "$confl"), "provides": $(jl "$prov"),
  "source": "$name-$ver", "build": "true",
  "install": "cp -a \"\$SRCDIR/.\" \"\$DESTDIR/\"" }
JSON
	mkdir -p "$d"
	"$RPG" -q build "$W/src/$name-$ver.json" -k "$KEY" -o "$W/pkgs" >"$W/build.out" 2>&1 ||
	    { cat "$W/build.out" | sed 's/^/# /'; fail "rpg build $name-$ver failed"; return 1; }
	ref[$name-$ver]=$W/pkgs/$name-$ver-$rel.x86_64.rpg
}

pkg_line() {
	local d=$W/src/$curpkg
	case $1 in
	file) mkdir -p "$(dirname "$d/$2")"; printf '%s\n' "$3" >"$d/$2"; chmod "${4:-644}" "$d/$2" ;;
	big) mkdir -p "$(dirname "$d/$2")"; head -c "$3" /dev/urandom >"$d/$2" ;;
	link) mkdir -p "$(dirname "$d/$2")"; ln -sfn "$3" "$d/$2" ;;
	dir) mkdir -p "$d/$2"; chmod "${3:-755}" "$d/$2" ;;
	*) fail "unknown package line: $1"; return 1 ;;
	esac
}

run_rpg() {
	local must_fail=0 args
	if [ "$1" = "!" ]; then must_fail=1; shift; fi
	mapfile -d '' args < <(subst "$@")
	timeout 120 "$RPG" --root "$ROOT" "${args[@]}" >"$W/stdout" 2>"$W/stderr"
	rc=$?
	if [ $must_fail = 1 ] && [ $rc = 0 ]; then fail "rpg $* succeeded, expected failure"; return 1; fi
	if [ $must_fail = 0 ] && [ $rc != 0 ]; then
		fail "rpg $* exited $rc: $(head -c 300 "$W/stderr")"; return 1
	fi
	if [ $rc -ge 124 ]; then fail "rpg $* crashed or timed out ($rc)"; return 1; fi
	if [ $must_fail = 1 ] && [ "$(wc -l <"$W/stderr")" -lt 1 ]; then
		fail "rpg $* failed without saying why"; return 1
	fi
	return 0
}

publish() {
	local key=$KEY a
	if [ "$1" = --key ]; then key=$TESTS/keys/$2.sec; shift 2; fi
	mkdir -p "$W/repo"
	for a in "$@"; do cp "${ref[${a#@}]}" "$W/repo/"; done
	"$RPG" -q repo index "$W/repo" -k "$key" >"$W/repo.out" 2>&1 ||
	    { fail "repo index: $(cat "$W/repo.out")"; return 1; }
}

serve() {
	local port
	for port in $(shuf -i 20000-60000 -n 20); do
		python3 -m http.server --bind 127.0.0.1 --directory "$W/repo" "$port" \
		    >"$W/http.log" 2>&1 &
		server_pid=$!
		for _ in $(seq 50); do
			if curl -s -o /dev/null "http://127.0.0.1:$port/"; then
				mkdir -p "$ROOT/etc/rpg"
				echo "http://127.0.0.1:$port" >"$ROOT/etc/rpg/repos"
				return 0
			fi
			kill -0 "$server_pid" 2>/dev/null || break
			sleep 0.1
		done
		stop_server
	done
	fail "could not start an http server"
}

step() {
	case $1 in
	package) curpkg=$2-$3; curargs=("$@"); mkdir -p "$W/src/$curpkg" ;;
	file | big | link | dir) pkg_line "$@" ;;
	end) build_pkg "${curargs[@]:1}" ;;
	hostile) "${RPG_HOSTILE:?}" "$2" "${ref[${3#@}]}" "$W/pkgs/$4.rpg" "$KEY" \
	    "$TESTS/keys/other.sec" >"$W/hostile.out" 2>&1 ||
	    { fail "rpg-hostile $2: $(cat "$W/hostile.out")"; return 1; }
	    ref[$4]=$W/pkgs/$4.rpg ;;
	repo) shift; publish "$@" ;;
	serve) serve ;;
	use-file-repo) mkdir -p "$ROOT/etc/rpg"; echo "file://$W/repo" >"$ROOT/etc/rpg/repos" ;;
	run) shift; run_rpg "$@" ;;
	sh) shift; (cd "$W" && ROOT=$ROOT W=$W RPG=$RPG TESTS=$TESTS bash -c "$*") >"$W/sh.out" 2>&1 ||
	    { fail "sh $*: $(head -c 300 "$W/sh.out")"; return 1; } ;;
	snapshot) snapshot_of "$ROOT" >"$W/snap" ;;
	expect-unchanged) snapshot_of "$ROOT" >"$W/snap2"
	    diff "$W/snap" "$W/snap2" >"$W/snapdiff" ||
	    { sed 's/^/# /' "$W/snapdiff" | head -20; fail "root changed"; return 1; } ;;
	expect-file) [ -f "$ROOT/$2" ] && [ ! -L "$ROOT/$2" ] && [ "$(cat "$ROOT/$2")" = "$3" ] ||
	    fail "$2 does not hold '$3'" ;;
	expect-absent) [ ! -e "$ROOT/$2" ] && [ ! -L "$ROOT/$2" ] || fail "$2 exists" ;;
	expect-link) [ "$(readlink "$ROOT/$2")" = "$3" ] || fail "$2 is not a link to $3" ;;
	expect-mode) [ "$(stat -c %a "$ROOT/$2")" = "$3" ] || fail "$2 mode $(stat -c %a "$ROOT/$2") != $3" ;;
	expect-installed) "$RPG" --root "$ROOT" list | grep -q "^$2	$3	" ||
	    fail "$2 $3 not installed: $("$RPG" --root "$ROOT" list | tr '\t\n' ' ;')" ;;
	expect-not-installed) ! "$RPG" --root "$ROOT" list | grep -q "^$2	" || fail "$2 is installed" ;;
	expect-stdout) grep -qF -- "$2" "$W/stdout" || fail "stdout lacks '$2': $(head -c 300 "$W/stdout")" ;;
	expect-stderr) grep -qF -- "$2" "$W/stderr" || fail "stderr lacks '$2': $(head -c 300 "$W/stderr")" ;;
	*) fail "unknown command $1" ;;
	esac
}

run_scenario() {
	local f=$1 line words
	declare -gA ref=()
	W=$tmp/$(basename "$f" .scn)
	ROOT=$W/root
	rm -rf "$W"
	mkdir -p "$W/src" "$W/pkgs" "$ROOT/etc/rpg/keys"
	cp "$PUB" "$ROOT/etc/rpg/keys/test.pub"
	lineno=0
	while IFS= read -r line || [ -n "$line" ]; do
		lineno=$((lineno + 1))
		[[ $line =~ ^[[:space:]]*(#|$) ]] && continue
		eval "words=($line)"
		step "${words[@]}" || { why="line $lineno: $why"; stop_server; return 1; }
	done <"$f"
	stop_server
	return 0
}

for f in "$@"; do
	n=$((n + 1))
	why=
	if run_scenario "$f"; then
		echo "ok $n $(basename "$f" .scn)"
	else
		echo "not ok $n $(basename "$f" .scn)"
		echo "# $why"
		failed=$((failed + 1))
	fi
done
echo "# $((n - failed)) passed, $failed failed"
if [ $failed = 0 ]; then rm -rf "$tmp"; else echo "# work directories kept in $tmp"; fi
[ $failed = 0 ]
