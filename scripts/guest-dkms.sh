#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-dkms.sh TARGET: the guest proof of the packages.  Boots TARGET's
# kernel on the Debian system of scripts/guest-rootfs.sh (a copy: the
# cached image stays clean) with the .deb files of build/deb (make deb) on
# a second, read-only disk with tests/guest/packages.sh, which the guest
# runs at boot: apt installs the packages, DKMS builds the module against
# the target's own headers package, modprobe loads it from updates/dkms
# and mmscope stat reads it.  Judged by scripts/vm.sh on the
# guest's markers; the console is kept in build/guest-dkms/TARGET.log.
#
# Measured here on debian-6.12-amd64 (TCG, 1 GiB, one host thread): 35 s
# to boot systemd, 7 min for apt install (DKMS's build of the module about
# 6.5 min of it, depmod 1 min), 8.5 min in all.  The host's arch only, as
# guest-rootfs.sh; not part of make check for its time.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: guest-dkms.sh TARGET"
target_load "$1"
ls "$MMSCOPE_TOP"/build/deb/mmscope-dkms_*_all.deb >/dev/null 2>&1 ||
	die "no packages in build/deb: make deb"
rootfs=$("$MMSCOPE_TOP/scripts/guest-rootfs.sh" "$T_NAME")
out=$MMSCOPE_TOP/build/guest-dkms
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cp --sparse=always "$rootfs" "$tmp/root.ext4"
mkdir "$tmp/debs"
cp "$MMSCOPE_TOP"/build/deb/mmscope-dkms_*_all.deb \
	"$MMSCOPE_TOP"/build/deb/mmscope-tools_*_"$T_ARCH".deb \
	"$MMSCOPE_TOP/tests/guest/packages.sh" "$tmp/debs/"
mkfs.ext4 -q -F -L mmscope-debs -d "$tmp/debs" "$tmp/debs.ext4" 64M
"$MMSCOPE_TOP/scripts/vm.sh" "$T_NAME" --initrd "$(dirname "$rootfs")/initrd.img" \
	--disk "$tmp/root.ext4" --disk-ro "$tmp/debs.ext4" \
	--append "root=/dev/vda rw" --mem 1G --smp 2 \
	--boot-timeout 600 --timeout 2400 --log "$out/$T_NAME.log"
