# SPDX-License-Identifier: GPL-2.0
#
# Shared by mmscope's host scripts: the cache location and target lookup.
# Source it; it defines variables and functions only.

MMSCOPE_TOP=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
MMSCOPE_CACHE=${MMSCOPE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/mmscope}
MMSCOPE_TARGETS_CONF=$MMSCOPE_TOP/scripts/targets.conf

die() {
	echo "${0##*/}: $*" >&2
	exit 1
}

# All target names, in file order.
target_names() {
	awk '!/^#/ && NF { print $1 }' "$MMSCOPE_TARGETS_CONF"
}

# target_load NAME: set T_NAME T_ARCH T_KREL T_VER T_KBUILD T_COMMON and the
# derived paths, or die listing the known targets.
target_load() {
	local line
	line=$(awk -v t="$1" '!/^#/ && $1 == t' "$MMSCOPE_TARGETS_CONF")
	if [ -z "$line" ]; then
		echo "${0##*/}: unknown target '$1'; known targets:" >&2
		target_names | sed 's/^/  /' >&2
		exit 2
	fi
	read -r T_NAME T_ARCH T_KREL T_VER T_KBUILD T_COMMON <<<"$line"
	T_DIR=$MMSCOPE_CACHE/targets/$T_NAME
	T_ROOT=$T_DIR/root
	T_KDIR=$T_ROOT/usr/src/linux-headers-$T_KREL
	T_MODDIR=$T_ROOT/lib/modules/$T_KREL
	case $T_ARCH in
	amd64)
		T_KARCH=x86_64
		T_CROSS=
		T_GNU=x86_64-linux-gnu
		T_QEMU=qemu-system-x86_64
		;;
	arm64)
		T_KARCH=arm64
		T_CROSS=aarch64-linux-gnu-
		T_GNU=aarch64-linux-gnu
		T_QEMU=qemu-system-aarch64
		;;
	*)
		die "target $T_NAME: unsupported arch $T_ARCH"
		;;
	esac
}

# make arguments that build an external module for the loaded target.
target_make_args() {
	local host
	host=$(dpkg --print-architecture)
	echo "-C $T_KDIR ARCH=$T_KARCH DEB_BUILD_ARCH=$host DEB_HOST_ARCH=$T_ARCH" \
	     "DEB_HOST_GNU_TYPE=$T_GNU${T_CROSS:+ CROSS_COMPILE=$T_CROSS}"
}
