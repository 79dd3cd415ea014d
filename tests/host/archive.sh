#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# Host tests of how targets are fetched from an archive that moves
# (scripts/archive.sh, fetch-target.sh, update-targets.sh, host-deps.sh),
# against a faked archive: tests/host/fake-apt/ puts its own apt-cache,
# apt-get, dpkg and depmod first on PATH.  Each prints "PASS  host: name"
# or "FAIL  host: name: why".
set -uo pipefail
top=$(cd "$(dirname "$0")/../.." && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

ok() { echo "PASS  host: $1"; }
ko() { echo "FAIL  host: $1: $2"; }

export PATH=$top/tests/host/fake-apt:$PATH

# fresh NAME: a copy of the scripts with one amd64 and one arm64 target
# recording 6.1.0-56 at 6.1.192-2, an empty cache, and a fake apt with
# lists of amd64 only and no foreign architecture.  Sets T (the copy),
# FAKE_APT and MMSCOPE_CACHE.
fresh() {
	T=$tmp/$1
	mkdir -p "$T/scripts" "$T/apt"
	cp "$top/scripts/"*.sh "$T/scripts/"
	printf '%s\n' '# target arch series flavour release version' \
		'f-6.1-amd64 amd64 6.1 amd64 6.1.0-56 6.1.192-2' \
		'f-6.1-arm64 arm64 6.1 arm64 6.1.0-56 6.1.192-2' >"$T/scripts/targets.conf"
	: >"$T/scripts/local-targets.conf"
	export FAKE_APT=$T/apt MMSCOPE_CACHE=$T/cache
	echo amd64 >"$FAKE_APT/lists"
	: >"$FAKE_APT/log"
}

# serve ABI VERSION KBUILD_VERSION ARCH...: the packages of one release;
# the common headers are Architecture: all, as Debian's (apt finds them
# by their bare name only: "NAME:arm64" is not found on an amd64 host).
serve() {
	local abi=$1 v=$2 kv=$3 a
	shift 3
	for a in "$@"; do
		echo "linux-image-$abi-$a-unsigned $a $v"
		echo "linux-headers-$abi-$a $a $v linux-headers-$abi-common,linux-kbuild-6.1"
		echo "busybox-static $a 1:1.35.0-4"
	done >>"$FAKE_APT/archive"
	echo "linux-headers-$abi-common all $v" >>"$FAKE_APT/archive"
	echo "linux-kbuild-6.1 amd64 $kv" >>"$FAKE_APT/archive"
}

# The recorded revision gone (the archive moved kbuild to -3): the newest
# revision of the same release is taken, and said.
fresh revision
serve 6.1.0-56 6.1.192-2 6.1.192-3 amd64
out=$("$T/scripts/fetch-target.sh" f-6.1-amd64 2>&1)
rc=$?
res=$(cat "$MMSCOPE_CACHE/targets/f-6.1-amd64/resolved" 2>/dev/null)
if [ $rc -eq 0 ] && grep -q 'linux-kbuild-6.1 6.1.192-2 is no longer served: took 6.1.192-3' <<<"$out" &&
   grep -qx 'kbuild linux-kbuild-6.1 6.1.192-3' <<<"$res" &&
   grep -qx 'image linux-image-6.1.0-56-amd64-unsigned 6.1.192-2' <<<"$res" &&
   grep -q 'ready: 6.1.0-56 (6.1.192-2, kbuild 6.1.192-3)' <<<"$out"; then
	ok archive-revision-gone
else
	ko archive-revision-gone "rc $rc: $out / $res"
fi

# A series the archive does not serve at all: the failure names it.
out=$(MMSCOPE_CACHE=$tmp/bogus-cache "$T/scripts/fetch-target.sh" f-6.1-arm64 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q 'f-6.1-arm64: the archive serves no linux-image-6.1\*-arm64-unsigned for arm64' <<<"$out"; then
	ok fetch-names-missing-package
else
	ko fetch-names-missing-package "rc $rc: $out"
fi

# The network unreachable with that target cached: it is used as it is,
# and the archive is not even asked.
touch "$FAKE_APT/offline"
: >"$FAKE_APT/log"
out=$("$T/scripts/fetch-target.sh" f-6.1-amd64 2>&1)
rc=$?
if [ $rc -eq 0 ] && grep -q 'f-6.1-amd64 cached: 6.1.0-56 (6.1.192-2, kbuild 6.1.192-3)' <<<"$out" &&
   ! grep -q '^apt' "$FAKE_APT/log"; then
	ok archive-offline-cached
else
	ko archive-offline-cached "rc $rc: $out; apt calls: $(grep '^apt' "$FAKE_APT/log" | xargs)"
fi

# Offline and not cached: a failure that names what could not be had.
out=$("$T/scripts/fetch-target.sh" f-6.1-arm64 2>&1)
rc=$?
if [ $rc -ne 0 ] && grep -q 'f-6.1-arm64' <<<"$out"; then
	ok archive-offline-uncached
else
	ko archive-offline-uncached "rc $rc: $out"
fi
rm -f "$FAKE_APT/offline"

# The release gone (an ABI bump, 6.1.0-56 to 6.1.0-57): the newest release
# of the series is taken, and said; make update-targets records it.
fresh release
serve 6.1.0-55 6.1.190-1 6.1.190-1 amd64
serve 6.1.0-57 6.1.192-3 6.1.192-3 amd64
out=$("$T/scripts/fetch-target.sh" f-6.1-amd64 2>&1)
rc=$?
if [ $rc -eq 0 ] && grep -q 'no longer served, nor any revision of 6.1.192: took release 6.1.0-57 (6.1.192-3), the newest of series 6.1' <<<"$out" &&
   [ -e "$MMSCOPE_CACHE/targets/f-6.1-amd64/root/boot/vmlinuz-6.1.0-57-amd64" ] &&
   (. "$T/scripts/lib.sh"; target_load f-6.1-amd64; [ "$T_KREL" = 6.1.0-57-amd64 ] &&
    [ "$T_KDIR" = "$T_ROOT/usr/src/linux-headers-6.1.0-57-amd64" ]); then
	ok archive-release-gone
else
	ko archive-release-gone "rc $rc: $out"
fi
# build-target.sh builds against the kernel fetched, not the recorded one:
# a fake make on PATH logs the kernel folder it is given.
rm -rf "$MMSCOPE_CACHE/targets"
mkdir -p "$T/module/conftest" "$T/bin"
echo 'static int x;' >"$T/module/conftest/x.c"
printf '%s\n' '#!/bin/sh' 'echo "make $*" >>"$FAKE_APT/log"' >"$T/bin/make"
chmod +x "$T/bin/make"
out=$(cd "$T" && PATH=$T/bin:$PATH "$T/scripts/build-target.sh" f-6.1-amd64 2>&1)
dirs=$(grep '^make ' "$FAKE_APT/log" | grep -o -- '-C [^ ]*' | sort -u | sed 's|.*/||' | xargs)
if [ "$dirs" = "linux-headers-6.1.0-57-amd64" ]; then
	ok build-fetched-release
else
	ko build-fetched-release "make -C ${dirs:-nothing}: $(tail -n 2 <<<"$out")"
fi
sed -i '/arm64/d' "$T/scripts/targets.conf"
out=$("$T/scripts/update-targets.sh" 2>&1)
rc=$?
if [ $rc -eq 0 ] && grep -q '^f-6.1-amd64 *amd64 *6.1 *amd64 *6.1.0-57 *6.1.192-3$' "$T/scripts/targets.conf" &&
   grep -q '6.1.0-56 6.1.192-2 -> 6.1.0-57 6.1.192-3' <<<"$out"; then
	ok update-targets
else
	ko update-targets "rc $rc: $out; $(grep -v '^#' "$T/scripts/targets.conf")"
fi

# MMSCOPE_KERNELS=newest takes the newest of the series, cached apart
# from the recorded kernel, and keeps it offline.
fresh newest
serve 6.1.0-56 6.1.192-2 6.1.192-3 amd64
serve 6.1.0-57 6.1.192-3 6.1.192-3 amd64
out=$(MMSCOPE_KERNELS=newest "$T/scripts/fetch-target.sh" f-6.1-amd64 2>&1)
rc=$?
touch "$FAKE_APT/offline"
out2=$(MMSCOPE_KERNELS=newest "$T/scripts/fetch-target.sh" f-6.1-amd64 2>&1)
rc2=$?
if [ $rc -eq 0 ] && grep -q 'newest of series 6.1: 6.1.0-57' <<<"$out" &&
   [ -e "$MMSCOPE_CACHE/targets/newest/f-6.1-amd64/root/boot/vmlinuz-6.1.0-57-amd64" ] &&
   [ ! -e "$MMSCOPE_CACHE/targets/f-6.1-amd64" ] &&
   [ $rc2 -eq 0 ] && grep -q 'cached, the newest of series 6.1: 6.1.0-57' <<<"$out2"; then
	ok archive-newest
else
	ko archive-newest "rc $rc/$rc2: $out / $out2"
fi

# arm64 not yet added to apt: host-deps.sh adds it and fetches its lists
# before anything asks apt of an arm64 package, and the target is fetched,
# first into an empty cache: its common headers (all) are asked of apt as
# "NAME:arm64", not found, and then by their bare name.
fresh arm64
serve 6.1.0-56 6.1.192-2 6.1.192-2 amd64 arm64
out=$("$T/scripts/host-deps.sh" 2>&1)
rc=$?
out2=$("$T/scripts/fetch-target.sh" f-6.1-arm64 2>&1)
rc2=$?
order=$(grep -E '^(dpkg --add-architecture|apt-get( -q+)? update|apt-cache .*arm64)' "$FAKE_APT/log" |
	head -n 3 | xargs)
if [ $rc -eq 0 ] && [ $rc2 -eq 0 ] && grep -qx arm64 "$FAKE_APT/foreign" &&
   grep -q 'host-deps: adding the arm64 architecture' <<<"$out" &&
   grep -qx arm64 "$FAKE_APT/lists" &&
   [ "${order%% apt-cache*}" = "dpkg --add-architecture arm64 apt-get update -qq" ] &&
   grep -q 'f-6.1-arm64 ready: 6.1.0-56 (6.1.192-2)' <<<"$out2"; then
	ok archive-arm64-added-first
else
	ko archive-arm64-added-first "rc $rc/$rc2, first calls: $order; $out; $out2"
fi
