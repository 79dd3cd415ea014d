#!/bin/bash
# SPDX-License-Identifier: GPL-2.0
#
# bpftrace-image.sh ARCH...: build, once, a read-only ext4 image holding
# Debian's bpftrace for ARCH (amd64, arm64) and the closure of its Depends,
# unpacked as a root file system: $MMSCOPE_CACHE/bpftrace-ARCH.img, labelled
# mmscope-bpftrace.  The guest mounts it read-only and runs bpftrace
# chrooted in it (tests/guest/lib.sh: bpf_start).  Prints the image's path.
#
# Why an image and not a 9p share of the host: under memory pressure the
# guest reclaims bpftrace's file pages and re-reads them; over 9p that hung
# the guest, from a virtio disk it did not (kernel-facts.md).
#
# Only Debian's binary packages go in, fetched with apt-get download and
# unpacked with dpkg-deb -x: no maintainer scripts run, nothing is built.
# The image is rebuilt only when its inputs change: the package closure
# with its versions (read from apt's local lists, no network) and this
# script.  With the image cached nothing is fetched, so this works offline.
# File times, owners, UUID and hash seed are fixed: the same packages give
# the same files, times and owners (not the same bytes: inode order and
# change times still differ from one build to the next).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || { echo "usage: bpftrace-image.sh ARCH..." >&2; exit 2; }

LABEL=mmscope-bpftrace
# Any fixed values will do: they make the image reproducible.
UUID=6d6d7363-6f70-4562-7066-747261636500
EPOCH=1700000000

# closure ARCH: "name version" of bpftrace and everything it depends on,
# recursively (Depends and Pre-Depends; alternatives all taken).
closure() {
	local q=bpftrace
	[ "$1" = "$(dpkg --print-architecture)" ] || q=bpftrace:$1
	apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$q" |
		grep -v '^[ <]' | sort -u |
		while read -r p; do
			v=$(apt-cache policy "$p" | awk '$1 == "Candidate:" { print $2 }')
			[ -n "$v" ] && [ "$v" != "(none)" ] ||
				die "$p: no installable version (apt-get update?)"
			echo "$p $v"
		done
}

build() {
	local arch=$1 img=$MMSCOPE_CACHE/bpftrace-$1.img list key debs stage kib
	list=$(closure "$arch")
	[ -n "$list" ] || die "$arch: apt knows no bpftrace (dpkg --add-architecture $arch?)"
	key=$( { echo "$list"; cat "$0"; } | sha256sum | cut -c1-16)
	if [ -f "$img" ] && [ "$(cat "$img.key" 2>/dev/null)" = "$key" ]; then
		echo "$img"
		return 0
	fi
	echo "bpftrace-image: building $img from $(echo "$list" | wc -l) packages" >&2
	debs=$MMSCOPE_CACHE/debs/bpftrace-$arch
	mkdir -p "$debs"
	stage=$(mktemp -d "${TMPDIR:-/tmp}/bpftrace-image.XXXXXX")
	# shellcheck disable=SC2064
	trap "rm -rf '$stage'" EXIT
	local p v f fs=()
	while read -r p v; do
		# apt-get download names files NAME_VERSION_ARCH.deb, with the
		# version's epoch colon escaped as %3a.
		f=$(ls "$debs/${p%%:*}_${v/:/%3a}_"*.deb 2>/dev/null | head -n 1 || true)
		if [ -z "$f" ]; then
			(cd "$debs" && apt-get download -q "$p=$v" >&2) ||
				die "apt-get download $p=$v failed"
			f=$(ls "$debs/${p%%:*}_${v/:/%3a}_"*.deb | head -n 1)
		fi
		fs+=("$f")
	done <<<"$list"

	local root=$stage/root
	mkdir -p "$root"
	for f in "${fs[@]}"; do
		dpkg-deb -x "$f" "$root"
	done
	[ -x "$root/usr/bin/bpftrace" ] || die "$arch: no usr/bin/bpftrace after unpacking"
	# Mount points for the chroot, and the package list for the record.
	mkdir -p "$root"/{proc,sys,dev,tmp}
	echo "$list" >"$root/mmscope-bpftrace.packages"
	# Everything root's, times fixed: the image depends on content only.
	chown -R 0:0 "$root"
	find "$root" -exec touch -h -d "@$EPOCH" {} +
	# Room for ext4's metadata: a quarter more, at least 16 MiB.
	kib=$(du -sk --apparent-size "$root" | cut -f1)
	kib=$(( (kib * 5 / 4 + 16384 + 1023) / 1024 * 1024 ))
	rm -f "$img.tmp"
	E2FSPROGS_FAKE_TIME=$EPOCH mkfs.ext4 -q -F -L "$LABEL" -U "$UUID" \
		-E "hash_seed=$UUID,lazy_itable_init=0,lazy_journal_init=0" \
		-O ^has_journal -b 4096 -m 0 -d "$root" "$img.tmp" "${kib}k" >&2
	mv "$img.tmp" "$img"
	echo "$key" >"$img.key"
	rm -rf "$stage"
	trap - EXIT
	echo "$img"
}

for a in "$@"; do
	case $a in
	amd64|arm64)	build "$a" ;;
	*)		die "unsupported arch $a" ;;
	esac
done
