#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# kunit-kernel.sh TARGET: build the kernel of a target of
# scripts/local-targets.conf (the KUnit kernel, the debug kernel) and make
# it a target that build-target.sh, mkinitramfs.sh and vm.sh can use:
#
#   1. Debian's linux-source package of the source target's version (the
#      kernel those Debian targets run; scripts/archive.sh's rules when
#      the archive no longer serves that revision), downloaded into $MMSCOPE_CACHE/debs
#      and extracted once into $MMSCOPE_CACHE/kunit/linux-source-<x.y>/
#   2. tools/testing/kunit/kunit.py build with the target's config
#      fragments from kunit/, in the fixed build folder
#      $MMSCOPE_CACHE/kunit/<build folder>, through ccache (cache in
#      $MMSCOPE_CACHE/ccache, paths relative to $MMSCOPE_CACHE/kunit)
#   3. $MMSCOPE_CACHE/kunit/TARGET/: vmlinuz, root/ with the kernel's
#      modules.* files and the source target's busybox, and .complete
#
# With --source: step 1 only (kunit.py, for the host tests, is there then).
# A kernel whose inputs (fragments, source, this script) have not changed
# since its last build is not rebuilt: make is not even run.
# Environment: MMSCOPE_JOBS (default: every CPU), MMSCOPE_NICE (default 10).
set -euo pipefail
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/archive.sh"

SOURCE_ONLY=0
if [ "${1:-}" = --source ]; then
	SOURCE_ONLY=1
	shift
fi
[ $# -eq 1 ] || die "usage: kunit-kernel.sh [--source] TARGET (one of: $(local_target_names | xargs))"
target_load "$1"
[ "$T_KIND" = local ] || die "$T_NAME is a Debian target: scripts/fetch-target.sh $T_NAME"
LOCAL=$T_NAME
BUILD=$T_KDIR
BOOT=$T_DIR
FRAGMENTS=()
for f in $T_CONFIGS; do
	[ -f "$MMSCOPE_TOP/kunit/$f" ] || die "$LOCAL: no config fragment kunit/$f"
	FRAGMENTS+=("$MMSCOPE_TOP/kunit/$f")
done

# The source and busybox come from the Debian target the kernel stands for,
# as recorded in targets.conf (never MMSCOPE_KERNELS=newest's).
MMSCOPE_KERNELS=recorded
target_load "$T_SRCTARGET"
target_cached || "$MMSCOPE_TOP/scripts/fetch-target.sh" "$T_NAME"
target_load "$T_SRCTARGET"
SRCVER=$T_VER
SRCPKG=linux-source-$T_SERIES
BUSYBOX=$T_ROOT/bin/busybox
target_load "$LOCAL"

top=$MMSCOPE_CACHE/kunit
src=$top/$SRCPKG
mkdir -p "$top"
# linux-source at the image's version; when the archive no longer serves
# that revision, the newest of the same upstream release.  A cached one
# is used offline.
deb=$(ls "$MMSCOPE_CACHE/debs/${SRCPKG}_${SRCVER}_all.deb" 2>/dev/null) || {
	archive_load "$SRCPKG"
	pick=$(archive_pick "$SRCPKG" "$(dpkg --print-architecture)" "$SRCVER") ||
		pick=$SRCVER
	sed -n 2p <<<"$pick" | sed 's/^/kunit-kernel: /'
	deb=$(deb_get "$SRCPKG" "$(head -n 1 <<<"$pick")")
}
# The stamp names the package extracted: a new pin extracts the new one.
if [ "$(cat "$src/.mmscope-extracted" 2>/dev/null)" != "$(basename "$deb")" ]; then
	echo "kunit-kernel: extracting $(basename "$deb") into $src"
	rm -rf "$src" "$src.tmp"
	mkdir -p "$src.tmp"
	dpkg-deb --fsys-tarfile "$deb" |
		tar -xO --wildcards "./usr/src/$SRCPKG.tar.*" |
		tar -xJ -C "$src.tmp" --strip-components=1
	basename "$deb" >"$src.tmp/.mmscope-extracted"
	mv "$src.tmp" "$src"
fi
if [ $SOURCE_ONLY = 1 ]; then
	echo "kunit-kernel: source $(cat "$src/.mmscope-extracted") in $src"
	exit 0
fi

stamp=$( { cat "$src/.mmscope-extracted"; echo "$T_KARCH"; cat "${FRAGMENTS[@]}" "$0"; } | sha256sum | cut -c1-16)
image=$BUILD/arch/$( [ "$T_KARCH" = x86_64 ] && echo x86 || echo "$T_KARCH")/boot/$(
	[ "$T_KARCH" = x86_64 ] && echo bzImage || echo Image)
if [ -f "$BOOT/.complete" ] && [ "$(cat "$BOOT/.complete")" = "$stamp" ] && [ -f "$image" ]; then
	echo "kunit-kernel: $LOCAL $T_KREL up to date ($BUILD)"
	exit 0
fi

export CCACHE_DIR=${CCACHE_DIR:-$MMSCOPE_CACHE/ccache}
export CCACHE_BASEDIR=$top
ccache -M 8G >/dev/null
args=(build --arch="$T_KARCH" --build_dir="$BUILD" --jobs="${MMSCOPE_JOBS:-$(nproc)}"
      --make_options "CC=ccache ${T_CROSS}gcc")
[ -z "$T_CROSS" ] || args+=(--cross_compile="$T_CROSS")
for f in "${FRAGMENTS[@]}"; do
	args+=(--kunitconfig="$f")
done
echo "kunit-kernel: building $LOCAL in $BUILD from $(basename "$src") with $T_CONFIGS"
t0=$(date +%s)
rm -f "$BOOT/.complete"
(cd "$src" && nice -n "${MMSCOPE_NICE:-10}" python3 tools/testing/kunit/kunit.py "${args[@]}") ||
	die "$LOCAL: kernel build failed (see the output above)"
echo "kunit-kernel: $LOCAL built in $(( $(date +%s) - t0 )) s; ccache: $(ccache -s | grep -i 'hits:' | head -n 1 | xargs)"

# The target's files: what build-target.sh, mkinitramfs.sh and vm.sh use.
target_load "$LOCAL"
rm -rf "$BOOT"
mkdir -p "$T_ROOT/bin"
make -s -C "$BUILD" ARCH="$T_KARCH" ${T_CROSS:+CROSS_COMPILE=$T_CROSS} \
	INSTALL_MOD_PATH="$T_ROOT" modules_install >/dev/null
cp "$BUSYBOX" "$T_ROOT/bin/busybox"
ln -sfn "$image" "$BOOT/vmlinuz"
echo "$stamp" >"$BOOT/.complete"
echo "kunit-kernel: $LOCAL ready: $T_KREL, KDIR=$BUILD"
