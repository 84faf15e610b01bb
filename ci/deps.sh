#!/bin/sh
# deps.sh - install the Debian packages Rustica needs; the one list, idempotent, quiet when all is there.
# SPDX-License-Identifier: MIT
set -eu

# linux-image-amd64 is only for make bench-kernel-linux (the Linux side of the kernel benchmark).
PKGS="
gcc make pkg-config git
clang groff-base libclang-rt-14-dev
libarchive-dev libjson-c-dev libsodium-dev libcurl4-openssl-dev libzstd-dev libssl-dev
zstd libarchive-tools minisign curl python3 pacman-package-manager file
mtools dosfstools fdisk gdisk gnu-efi binutils
musl-tools busybox-static
qemu-system-x86 ovmf
linux-image-amd64
gcc-aarch64-linux-gnu gcc-riscv64-linux-gnu
qemu-system-arm qemu-system-misc
"

missing=""
for p in $PKGS; do
	if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
		missing="$missing $p"
	fi
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" != 0 ]; then
	echo "ci/deps.sh: missing Debian packages:$missing (run this script as root to install them)" >&2
	exit 1
fi
echo "ci/deps.sh: installing:$missing" >&2
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq >/dev/null
# shellcheck disable=SC2086
apt-get install -y -qq --no-install-recommends $missing >/dev/null
