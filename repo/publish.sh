#!/bin/bash
# publish.sh - copy a signed repository (index.json, its .minisig, *.rpg) to DEST, atomically.
# SPDX-License-Identifier: MIT
#
# publish.sh [-p KEY.pub] SRC DEST
#   Verifies SRC/index.json against KEY.pub first (minisign -V), and every
#   .rpg with `rpg verify` when rpg is found ($RPG, SRC/../host/bin/rpg, PATH). KEY.pub
#   defaults to $SIGNING_PUB, else SRC/../keys/dev.pub (make's dev key).
#   If DEST does not exist or is a symlink, the repository is copied into a
#   fresh DEST.snapshots/<sha256 of index.json>/ and DEST is switched to it
#   with one rename, so a client sees the old or the new repository, never
#   a mix; the previous snapshot is kept for clients mid-download, older
#   ones are removed. If DEST is a plain directory, files are copied to
#   temporary names and renamed: packages first, then the signature, then
#   the index.
set -euo pipefail

die() { echo "publish.sh: $*" >&2; exit 1; }
pub=${SIGNING_PUB:-}
if [ "${1:-}" = "-p" ]; then
	pub=$2
	shift 2
fi
[ $# -eq 2 ] || { echo "usage: publish.sh [-p KEY.pub] SRC DEST" >&2; exit 2; }
src=${1%/}
dest=${2%/}
[ -n "$pub" ] || pub=$(dirname "$src")/keys/dev.pub
[ -f "$src/index.json" ] || die "$src/index.json: no repository index (make repo)"
[ -f "$src/index.json.minisig" ] || die "$src/index.json.minisig: index is not signed"
[ -f "$pub" ] || die "$pub: no public key (give -p KEY.pub)"
minisign -Vq -p "$pub" -m "$src/index.json" || die "$src/index.json: signature does not verify with $pub"

shopt -s nullglob
pkgs=("$src"/*.rpg)
rpg=${RPG:-}
[ -n "$rpg" ] || [ ! -x "$(dirname "$src")/host/bin/rpg" ] || rpg=$(dirname "$src")/host/bin/rpg
[ -n "$rpg" ] || rpg=$(command -v rpg || true)
if [ -n "$rpg" ] && [ ${#pkgs[@]} -gt 0 ]; then
	"$rpg" -q verify -p "$pub" "${pkgs[@]}" >/dev/null || die "$src: a package does not verify"
fi
files=("${pkgs[@]}" "$src/index.json.minisig" "$src/index.json")

snapshot() {
	local snaps=$dest.snapshots id new link
	id=$(sha256sum "$src/index.json" | cut -c1-16)
	new=$snaps/$id
	mkdir -p "$snaps"
	if [ ! -d "$new" ]; then
		rm -rf "$new.tmp"
		mkdir "$new.tmp"
		cp -p "${files[@]}" "$new.tmp/"
		sync -f "$new.tmp" 2>/dev/null || sync
		mv -T "$new.tmp" "$new"
	fi
	link=$dest.tmp.$$
	ln -sfn "$(basename "$snaps")/$id" "$link"
	mv -T "$link" "$dest"
	# Keep the current and the previous snapshot, by modification time.
	ls -1t "$snaps" | { grep -v -x -e "$id" || true; } | tail -n +2 | while read -r old; do
		rm -rf "${snaps:?}/$old"
	done
}

in_place() {
	local f base
	for f in "${files[@]}"; do
		base=$(basename "$f")
		cp -p "$f" "$dest/.$base.tmp"
	done
	sync -f "$dest" 2>/dev/null || sync
	for f in "${files[@]}"; do
		base=$(basename "$f")
		mv -f "$dest/.$base.tmp" "$dest/$base"
	done
}

if [ ! -e "$dest" ] || [ -L "$dest" ]; then
	mkdir -p "$(dirname "$dest")"
	snapshot
else
	[ -d "$dest" ] || die "$dest: not a directory"
	in_place
fi
echo "published $src -> $dest (${#pkgs[@]} packages)"
