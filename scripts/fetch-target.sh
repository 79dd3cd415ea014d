#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# fetch-target.sh TARGET...: download a target's kernel image, headers,
# kbuild tools and the guest's busybox with `apt-get download`, and extract
# them into $MMSCOPE_CACHE/targets/TARGET/root.  Nothing is installed on the
# host.  Idempotent; once a target is complete it works offline.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -gt 0 ] || die "usage: fetch-target.sh TARGET... (targets: $(target_names | xargs))"

DEBS=$MMSCOPE_CACHE/debs
mkdir -p "$DEBS"

ensure_foreign_arch() {
	local arch=$1
	[ "$arch" = "$(dpkg --print-architecture)" ] && return 0
	dpkg --print-foreign-architectures | grep -qx "$arch" && return 0
	[ "$(id -u)" = 0 ] || die "arm64 packages need: dpkg --add-architecture $arch && apt-get update"
	dpkg --add-architecture "$arch"
	apt-get update -qq
}

fetch_one() {
	target_load "$1"
	if [ "$T_KIND" = local ]; then
		# Built, not fetched.
		"$MMSCOPE_TOP/scripts/kunit-kernel.sh" "$T_NAME"
		return 0
	fi
	if [ -f "$T_DIR/.complete" ]; then
		echo "fetch: $T_NAME cached in $T_DIR"
		return 0
	fi
	echo "fetch: $T_NAME ($T_KREL, $T_VER)"
	local host
	host=$(dpkg --print-architecture)
	[ "$T_ARCH" = "$host" ] || ensure_foreign_arch "$T_ARCH"

	local debs=()
	debs+=("$(deb_get "linux-image-$T_KREL-unsigned:$T_ARCH" "$T_VER")")
	debs+=("$(deb_get "linux-headers-$T_KREL:$T_ARCH" "$T_VER")")
	debs+=("$(deb_get "$T_COMMON:$T_ARCH" "$T_VER")")
	# kbuild holds host programs (fixdep, modpost): always the host's arch.
	debs+=("$(deb_get "$T_KBUILD:$host" "$T_VER")")
	debs+=("$(deb_get "busybox-static:$T_ARCH")")

	rm -rf "$T_DIR"
	mkdir -p "$T_ROOT"
	local d
	for d in "${debs[@]}"; do
		dpkg-deb -x "$d" "$T_ROOT"
	done

	# The flavour's Makefile includes the common one by absolute path.
	[ -f "$T_KDIR/Makefile" ] || die "$T_NAME: no headers at $T_KDIR"
	sed -i "s|include /usr/src/|include $T_ROOT/usr/src/|" "$T_KDIR/Makefile"
	# scripts/ and tools/ link to /usr/lib/linux-kbuild-*: point them
	# into the extracted tree.
	local l t
	for l in "$T_KDIR"/scripts "$T_KDIR"/tools \
		 "$T_ROOT"/usr/src/"$T_COMMON"/scripts "$T_ROOT"/usr/src/"$T_COMMON"/tools; do
		[ -L "$l" ] || continue
		t=$(readlink "$l")
		case $t in
		/*) ln -sfn "$T_ROOT$t" "$l" ;;
		esac
	done
	[ -e "$T_KDIR/scripts/basic/fixdep" ] ||
		[ -e "$T_KDIR/scripts/mod/modpost" ] ||
		die "$T_NAME: kbuild tools not found under $T_KDIR/scripts"
	local vmlinuz
	vmlinuz=$(ls "$T_ROOT"/boot/vmlinuz-* 2>/dev/null | head -n1)
	[ -n "$vmlinuz" ] || die "$T_NAME: no kernel image in the image package"
	ln -sfn "${vmlinuz#"$T_DIR"/}" "$T_DIR/vmlinuz"
	depmod -b "$T_ROOT" "$T_KREL"
	touch "$T_DIR/.complete"
	echo "fetch: $T_NAME ready: KDIR=$T_KDIR"
}

for t in "$@"; do
	fetch_one "$t"
done
