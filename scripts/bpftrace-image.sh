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
# with its versions (read from apt's local lists, no network) and FORMAT
# below, to be bumped whenever a change here changes the image.  Builders
# take a lock, so that several worktrees sharing the cache do not race.  With the image cached nothing is fetched, so this works offline.
# File times, owners, UUID and hash seed are fixed: the same packages give
# the same files, times and owners (not the same bytes: inode order and
# change times still differ from one build to the next).
set -euo pipefail
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || { echo "usage: bpftrace-image.sh ARCH..." >&2; exit 2; }

LABEL=mmscope-bpftrace
FORMAT=1
# Any fixed values will do: they make the image reproducible.
UUID=6d6d7363-6f70-4562-7066-747261636500
EPOCH=1700000000

# closure ARCH: "name version" of bpftrace and everything it depends on,
# recursively (Depends and Pre-Depends; alternatives all taken).
closure() {
	local q=bpftrace pkgs
	[ "$1" = "$(dpkg --print-architecture)" ] || q=bpftrace:$1
	pkgs=$(apt-cache depends --recurse --no-recommends --no-suggests --no-conflicts \
		--no-breaks --no-replaces --no-enhances "$q" | grep -v '^[ <]' | sort -u)
	[ -n "$pkgs" ] || return 0
	# One apt-cache call for all: "NAME:" then "  Candidate: VERSION".
	# shellcheck disable=SC2086
	apt-cache policy $pkgs | awk '
		/^[^ ]/ { sub(/:$/, ""); p = $0 }
		$1 == "Candidate:" {
			if ($2 == "(none)") { print p " (none)"; bad = 1 } else print p, $2
		}
		END { exit bad }' ||
		die "$1: a package of bpftrace's closure has no installable version (apt-get update?)"
}

build() {
	local arch=$1 img=$MMSCOPE_CACHE/bpftrace-$1.img list key debs stage kib
	list=$(closure "$arch")
	[ -n "$list" ] || die "$arch: apt knows no bpftrace (dpkg --add-architecture $arch?)"
	key=$( { echo "format $FORMAT"; echo "$list"; } | sha256sum | cut -c1-16)
	if [ -f "$img" ] && [ "$(cat "$img.key" 2>/dev/null)" = "$key" ]; then
		echo "$img"
		return 0
	fi
	mkdir -p "$MMSCOPE_CACHE"
	exec 9>"$img.lock"
	flock 9
	# Another builder may have finished while we waited.
	if [ -f "$img" ] && [ "$(cat "$img.key" 2>/dev/null)" = "$key" ]; then
		exec 9>&-
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
	E2FSPROGS_FAKE_TIME=$EPOCH mkfs.ext4 -q -F -L "$LABEL" -U "$UUID" \
		-E "hash_seed=$UUID,lazy_itable_init=0,lazy_journal_init=0" \
		-O ^has_journal -b 4096 -m 0 -d "$root" "$stage/img" "${kib}k" >&2
	# A running guest keeps the old file open; new ones get the new one.
	mv "$stage/img" "$img.new.$$"
	mv "$img.new.$$" "$img"
	echo "$key" >"$img.key"
	exec 9>&-
	rm -rf "$stage"
	trap - EXIT
	echo "$img"
}

for a in "$@"; do
	case $a in
	amd64|arm64)	;;
	*)		die "unsupported arch $a" ;;
	esac
	# apt's lists may name versions the archive no longer serves (it
	# keeps only the newest): refresh them and try once more.
	(build "$a") && continue
	[ "$(id -u)" = 0 ] || exit 1
	echo "bpftrace-image: $a: refreshing apt's lists (apt-get update), once more" >&2
	apt-get update -qq
	build "$a"
done
