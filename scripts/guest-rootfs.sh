#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# guest-rootfs.sh TARGET: a real Debian 12 system for TARGET's arch, made by
# mmdebstrap from the archive and cached as an ext4 image,
#   $MMSCOPE_CACHE/rootfs/TARGET/root.ext4 (+ vmlinuz, initrd.img)
# for the guest proof of the packages (DKMS in the guest): systemd as init,
# the target's own kernel image and headers packages at the versions the
# target was fetched with, dkms and its compilers, installed and configured
# by their maintainer scripts as on any machine (linux-image's postinst
# makes the initrd).  At boot (mmscope-guest-test.service) the guest runs
# packages.sh from its second disk (/dev/vdb: scripts/guest-dkms.sh puts
# tests/guest/packages.sh and the .deb files there) and powers off; the
# cached system does not change with the test.
#
# Measured here (2 cores, amd64): 2 min to make, 1.4 GB (sparse ext4).
# The host's arch only so far: an arm64 system needs either qemu-user and
# binfmt_misc on the host for mmdebstrap's maintainer scripts, or an
# unconfigured tree (mmdebstrap --variant=extract, or debootstrap
# --foreign) that a first boot configures under emulation.  The kernel
# packages are taken at the versions the target was fetched with, which
# the security archive serves only while they are the newest.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -eq 1 ] || die "usage: guest-rootfs.sh TARGET"
target_load "$1"
target_cached || "$MMSCOPE_TOP/scripts/fetch-target.sh" "$T_NAME"
target_load "$T_NAME"
[ "$T_ARCH" = "$(dpkg --print-architecture)" ] ||
	die "$T_NAME: only the host's arch ($(dpkg --print-architecture)) for now"
command -v mmdebstrap >/dev/null || die "no mmdebstrap (Debian package mmdebstrap)"

out=$MMSCOPE_CACHE/rootfs/$T_NAME
want="$(target_resolved image) $(target_resolved headers) $(sha256sum "$0" | cut -c1-16)"
if [ "$(cat "$out/.complete" 2>/dev/null)" = "$want" ]; then
	echo "$out/root.ext4"
	exit 0
fi
rm -rf "$out"
mkdir -p "$out"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

img=$(target_resolved image)
hdr=$(target_resolved headers)
pkgs="systemd-sysv,udev,kmod,initramfs-tools,zstd,dkms,make,gcc,libc6-dev,dwarves"
pkgs+=",${img% *}=${img#* },${hdr% *}=${hdr#* }"

cat >"$tmp/mmscope-guest-test.service" <<'EOF'
[Unit]
Description=mmscope guest proof: install the packages, load, run
After=multi-user.target
[Service]
Type=oneshot
ExecStart=/usr/local/sbin/mmscope-guest-test
# DKMS builds the module under emulation: minutes, not the default 90 s.
TimeoutStartSec=infinity
StandardOutput=journal+console
StandardError=journal+console
[Install]
WantedBy=multi-user.target
EOF
cat >"$tmp/mmscope-guest-test" <<'EOF'
#!/bin/sh
# Run the proof that the second disk brings (tests/guest/packages.sh, from
# scripts/guest-dkms.sh), then power off.
mkdir -p /mnt/mmscope
if mount -o ro /dev/vdb /mnt/mmscope && [ -x /mnt/mmscope/packages.sh ]; then
	/mnt/mmscope/packages.sh
else
	echo "MMSCOPE-GUEST-START target=debian-rootfs"
	echo "MMSCOPE-RESULT FAIL pkg-disk: no /dev/vdb with packages.sh"
fi
systemctl poweroff
EOF

# The guest: root on /dev/vda, no password, the proof at boot with its
# output on the console (no getty there: it would hang the console up).
mmdebstrap --variant=apt --include="$pkgs" \
	--customize-hook='echo mmscope-guest >"$1/etc/hostname"' \
	--customize-hook='echo "/dev/vda / ext4 rw 0 1" >"$1/etc/fstab"' \
	--customize-hook='chroot "$1" passwd -d root' \
	--customize-hook="copy-in $tmp/mmscope-guest-test /usr/local/sbin" \
	--customize-hook="copy-in $tmp/mmscope-guest-test.service /etc/systemd/system" \
	--customize-hook='chmod 0755 "$1/usr/local/sbin/mmscope-guest-test"' \
	--customize-hook='chroot "$1" systemctl enable mmscope-guest-test.service' \
	--customize-hook='chroot "$1" systemctl mask serial-getty@ttyS0.service getty@tty1.service' \
	bookworm "$tmp/root" >"$out/mmdebstrap.log" 2>&1 ||
	{ tail -n 20 "$out/mmdebstrap.log" >&2; die "mmdebstrap failed: see $out/mmdebstrap.log"; }
cp "$tmp/root/boot/vmlinuz-$T_KREL" "$out/vmlinuz"
cp "$tmp/root/boot/initrd.img-$T_KREL" "$out/initrd.img"
size=$(( $(du -sm "$tmp/root" | cut -f1) * 13 / 10 + 512 ))
mkfs.ext4 -q -F -L mmscope-root -d "$tmp/root" "$out/root.ext4" "${size}M"
echo "$want" >"$out/.complete"
echo "$out/root.ext4"
