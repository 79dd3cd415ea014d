#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Install the host packages mmscope's build and test rig needs, once, and
# make apt able to answer everything a later step asks of it, before any
# step asks: the foreign architectures of the targets (arm64 on an amd64
# host: its kernels, busybox and bpftrace are fetched with apt-get
# download) and apt's lists.  Idempotent: packages already installed are
# not touched, and apt is not consulted at all when everything is present.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

pkgs=(make gcc libc6-dev bc bison flex libelf-dev libssl-dev dwarves
      gcc-aarch64-linux-gnu libc6-dev-arm64-cross
      qemu-system-x86 qemu-system-arm qemu-system-data qemu-utils
      busybox-static cpio kmod xz-utils zstd e2fsprogs
      bpftrace sparse python3 ccache clang prometheus-node-exporter curl
      python3-sphinx man-db groff-base prometheus python3-prometheus-client
      bash-completion dpkg-dev debhelper dh-dkms dkms lintian fakeroot
      mmdebstrap)

# The architectures of every target, local ones included.
host=$(dpkg --print-architecture)
arches=$( { awk '!/^#/ && NF { print $2 }' "$MMSCOPE_TARGETS_CONF" "$MMSCOPE_LOCAL_CONF"; } |
	sort -u | grep -vx "$host" || true)
update=0
for a in $arches; do
	dpkg --print-foreign-architectures | grep -qx "$a" && continue
	if [ "$(id -u)" -ne 0 ]; then
		echo "host-deps: the targets need the $a architecture in apt:" >&2
		echo "host-deps: run as root, or: sudo dpkg --add-architecture $a && sudo apt-get update" >&2
		exit 1
	fi
	echo "host-deps: adding the $a architecture to apt (dpkg --add-architecture $a)"
	dpkg --add-architecture "$a"
	update=1
done
# apt's lists of every architecture, or apt-cache knows nothing of them.
for a in "$host" $arches; do
	ls /var/lib/apt/lists/*_binary-"${a}"_Packages* >/dev/null 2>&1 || update=1
done

missing=()
for p in "${pkgs[@]}"; do
	dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' ||
		missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ] && [ $update = 0 ]; then
	exit 0
fi

if [ "$(id -u)" -ne 0 ]; then
	[ ${#missing[@]} -eq 0 ] || echo "host-deps: missing packages: ${missing[*]}" >&2
	echo "host-deps: run as root, or: sudo apt-get update${missing[*]:+ && sudo apt-get install ${missing[*]}}" >&2
	exit 1
fi
export DEBIAN_FRONTEND=noninteractive
echo "host-deps: apt-get update"
apt-get update -qq
[ ${#missing[@]} -gt 0 ] || exit 0
echo "host-deps: installing ${missing[*]}"
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
