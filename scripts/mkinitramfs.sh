#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# mkinitramfs.sh TARGET OUT.cpio.gz [--module KO] [--tests DIR]
#                [--modules "NAME..."] [--bin DIR] [--kunit KO]
#
# Build the busybox initramfs that scripts/vm.sh boots for TARGET:
#
#   /init                  scripts/guest-init.sh (the guest protocol)
#   /bin/busybox           the target's static busybox; applets at boot
#   /lib/modules/...       the kernel driver modules asked for, with their
#                          dependencies, decompressed for busybox insmod
#   /mmscope/kmods.list    those modules in load order, for /init
#   /mmscope/env           MMSCOPE_TARGET, MMSCOPE_ARCH for /init
#   /mmscope/mmscope.ko    --module, if that file exists
#   /mmscope/bin/          the static workloads (default build/<arch>/bin,
#                          built first from tests/workloads), and the
#                          mmscope command (built from tools/)
#   /mmscope/tests/        a copy of --tests DIR; /init runs its run.sh
#   /mmscope/kunit/        --kunit: the test module mmscope_kunit.ko
#                          (scripts/build-kunit.sh), for the kunit scenario
#
# OUT is two concatenated gzip'ed cpio archives, which the kernel unpacks
# in turn: a base (busybox, /dev/console, driver modules) cached under
# $MMSCOPE_CACHE/initramfs and rebuilt only when its inputs change, and a
# small overlay with everything else, rebuilt on every call.
set -euo pipefail
. "$(dirname "$0")/lib.sh"

# zram for swap and compressed-memory scenarios; virtio_blk and ext4 for
# scratch and tool disks; virtio_pci is their transport.  zsmalloc comes in
# as zram's dependency where it is a module.
DEFAULT_KMODS="virtio_pci virtio_blk ext4 zram"

usage() {
	cat >&2 <<EOF
usage: mkinitramfs.sh TARGET OUT.cpio.gz [--module KO] [--tests DIR]
                      [--modules "NAME..."] [--bin DIR] [--kunit KO]
  --module KO     put KO at /mmscope/mmscope.ko (skipped if KO is missing)
  --tests DIR     copy DIR to /mmscope/tests (/init runs its run.sh)
  --modules LIST  kernel modules to load at boot, with their dependencies
                  (default: "$DEFAULT_KMODS")
  --bin DIR       static workloads for /mmscope/bin
                  (default: build/<arch>/bin, built from tests/workloads)
  --kunit KO      put KO in /mmscope/kunit/
targets: $(target_names | xargs)
EOF
	exit 2
}

[ $# -ge 2 ] || usage
TARGET=$1
OUT=$2
shift 2
KO=
TESTS=
KMODS=$DEFAULT_KMODS
BIN=
KUNIT=
while [ $# -gt 0 ]; do
	[ $# -ge 2 ] || usage
	case $1 in
	--module)	KO=$2 ;;
	--tests)	TESTS=$2 ;;
	--modules)	KMODS=$2 ;;
	--bin)		BIN=$2 ;;
	--kunit)	KUNIT=$2 ;;
	*)		usage ;;
	esac
	shift 2
done

target_load "$TARGET"
target_cached || die "$T_NAME is not fetched: scripts/fetch-target.sh $T_NAME"
[ -x "$T_ROOT/bin/busybox" ] || die "$T_NAME: no busybox at $T_ROOT/bin/busybox"
[ -z "$TESTS" ] || [ -d "$TESTS" ] || die "--tests $TESTS: not a directory"

if [ -z "$BIN" ]; then
	BIN=$MMSCOPE_TOP/build/$T_ARCH/bin
	make -s -C "$MMSCOPE_TOP/tests/workloads" ARCH="$T_ARCH" OUT="$BIN"
fi
[ -d "$BIN" ] || die "--bin $BIN: not a directory"
TOOLS=$MMSCOPE_TOP/build/$T_ARCH/tools
make -s -C "$MMSCOPE_TOP/tools" ARCH="$T_ARCH" OUT="$TOOLS" ||
	die "cannot build the mmscope command (tools/)"

if [ -n "$KO" ] && [ ! -f "$KO" ]; then
	echo "mkinitramfs: $KO does not exist: building without mmscope.ko" >&2
	KO=
fi
# A module built for another kernel would only fail later, in the guest,
# with a less helpful message.
for ko in $KO $KUNIT; do
	vermagic=$(modinfo -F vermagic "$ko" 2>/dev/null || true)
	case "$vermagic " in
	"$T_KREL "*)	;;
	*)		die "$ko is for '${vermagic:-unknown}', not $T_KREL ($T_NAME)" ;;
	esac
done

# cpio_node NAME MODE MAJOR MINOR: one newc entry with no data (a directory
# or device node).  Written by hand so that /dev/console exists from the
# first instruction of /init without needing root to mknod it on the host.
cpio_node() {
	local name=$1 mode=$2 major=$3 minor=$4 len pad
	len=$((${#name} + 1))
	printf '070701%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X%08X' \
		0 "$((8#$mode))" 0 0 1 0 0 0 0 "$major" "$minor" "$len" 0
	printf '%s\0' "$name"
	pad=$(( (4 - (110 + len) % 4) % 4 ))
	[ $pad -eq 0 ] || head -c $pad /dev/zero
}

# cpio_dir DIR: a newc archive of DIR's contents, owned by root.
cpio_dir() {
	(cd "$1" && find . -mindepth 1 | LC_ALL=C sort |
		cpio -o -H newc -R 0:0 --quiet)
}

# kmod_list: the modules to load, dependencies first, each once, as paths
# under $T_ROOT.  Built-in modules and ones this kernel lacks are skipped.
kmod_list() {
	local name out cmd path seen=" "
	for name in $KMODS; do
		if ! out=$(modprobe -d "$T_ROOT" -S "$T_KREL" --show-depends "$name" 2>&1); then
			echo "mkinitramfs: $T_NAME has no module $name: skipped" >&2
			continue
		fi
		while read -r cmd path _; do
			[ "$cmd" = insmod ] || continue	# or "builtin NAME"
			case $seen in
			*" $path "*)	continue ;;
			esac
			seen="$seen$path "
			echo "$path"
		done <<<"$out"
	done
}

CACHE=$MMSCOPE_CACHE/initramfs/$T_NAME
mkdir -p "$CACHE" "$(dirname "$OUT")"
STAGE=$(mktemp -d "${TMPDIR:-/tmp}/mkinitramfs.XXXXXX")
trap 'rm -rf "$STAGE"' EXIT

mapfile -t kos < <(kmod_list)

# The base archive's name hashes everything it is built from.
key=$( { echo "$T_NAME $T_KREL"; printf '%s\n' "${kos[@]}";
	 stat -c '%n %s %Y' "$T_ROOT/bin/busybox" "${kos[@]}"; cat "$0"; } |
       sha256sum | cut -c1-16)
BASE=$CACHE/base-$key.cpio.gz

build_base() {
	local root=$STAGE/base ko rel
	mkdir -p "$root"/{bin,sbin,usr/bin,usr/sbin,proc,sys,tmp,mnt,root,mmscope}
	cp "$T_ROOT/bin/busybox" "$root/bin/busybox"
	: >"$root/mmscope/kmods.list"
	for ko in "${kos[@]}"; do
		rel=${ko#"$T_ROOT"}
		rel=${rel%.xz}
		rel=${rel%.zst}
		mkdir -p "$root$(dirname "$rel")"
		case $ko in
		*.xz)	xz -dc "$ko" >"$root$rel" ;;
		*.zst)	zstd -qdc "$ko" >"$root$rel" ;;
		*)	cp "$ko" "$root$rel" ;;
		esac
		echo "$rel" >>"$root/mmscope/kmods.list"
	done
	{
		cpio_node dev 040755 0 0
		cpio_node dev/console 020600 5 1
		cpio_node TRAILER!!! 0 0 0
		cpio_dir "$root"
	} | gzip -6 >"$STAGE/base.cpio.gz"
	# Atomic, for a concurrent build of the same base.
	mv "$STAGE/base.cpio.gz" "$BASE.$$"
	mv "$BASE.$$" "$BASE"
}

if [ ! -f "$BASE" ]; then
	echo "mkinitramfs: $T_NAME: base archive with ${#kos[@]} kernel modules: $(
		for ko in "${kos[@]}"; do basename "${ko%%.ko*}"; done | xargs)"
	build_base
fi
# Bases unused for a week are stale: older kernels or module lists.
touch "$BASE"
find "$CACHE" -name 'base-*.cpio.gz' -mtime +7 -delete

ov=$STAGE/overlay
mkdir -p "$ov/mmscope/bin" "$ov/mmscope/tests"
install -m 0755 "$MMSCOPE_TOP/scripts/guest-init.sh" "$ov/init"
printf 'MMSCOPE_TARGET=%s\nMMSCOPE_ARCH=%s\n' "$T_NAME" "$T_ARCH" >"$ov/mmscope/env"
[ -z "$KO" ] || cp "$KO" "$ov/mmscope/mmscope.ko"
cp -a "$BIN"/. "$ov/mmscope/bin/"
cp "$TOOLS/mmscope" "$ov/mmscope/bin/"
[ -z "$TESTS" ] || cp -a "$TESTS"/. "$ov/mmscope/tests/"
if [ -n "$KUNIT" ]; then
	mkdir -p "$ov/mmscope/kunit"
	cp "$KUNIT" "$ov/mmscope/kunit/"
fi

{
	cat "$BASE"
	cpio_dir "$ov" | gzip -1
} >"$OUT.tmp"
mv "$OUT.tmp" "$OUT"
