#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the host packages mmscope's build and test rig needs, once.
# Idempotent: packages already installed are not touched, and apt is not
# consulted at all when everything is present.
set -euo pipefail

pkgs=(make gcc libc6-dev bc bison flex libelf-dev libssl-dev dwarves
      gcc-aarch64-linux-gnu libc6-dev-arm64-cross
      qemu-system-x86 qemu-system-arm qemu-system-data qemu-utils
      busybox-static cpio kmod xz-utils zstd e2fsprogs
      bpftrace sparse python3 ccache clang prometheus-node-exporter curl)

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" -ne 0 ]; then
	echo "host-deps: missing packages: ${missing[*]}" >&2
	echo "host-deps: run as root, or: sudo apt-get install ${missing[*]}" >&2
	exit 1
fi
echo "host-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
